import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { images, plans } from './fixtures';

export const API = `${window.location.origin}/api`;

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { type: 'about:blank', title: detail, status, detail, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

/** Handlers every test gets; a test adds its own with `server.use(...)`. */
export const defaultHandlers = [
  http.get(`${API}/images`, () => HttpResponse.json(images)),
  http.get(`${API}/plans`, () => HttpResponse.json(plans)),
  http.get(`${API}/servers`, () => HttpResponse.json({ items: [], next_cursor: null })),
];

export const server = setupServer(...defaultHandlers);
