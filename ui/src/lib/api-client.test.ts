import { http, HttpResponse } from 'msw';
import { API, problem, server } from '@/test/server';
import { createAuthStore } from './auth';
import { ApiError, createApiClient, filenameFromDisposition, parseRetryAfter } from './api-client';
import { shouldRetry } from './query-client';
import { uuid } from './uuid';

describe('api client', () => {
  it('sends the bearer token and parses JSON', async () => {
    const auth = createAuthStore(undefined);
    auth.login('jwt-x', 3600);
    server.use(http.get(`${API}/users/me`, ({ request }) => HttpResponse.json({ auth: request.headers.get('Authorization') })));
    await expect(createApiClient(auth).request('/users/me')).resolves.toEqual({ auth: 'Bearer jwt-x' });
  });

  it('turns problem+json into an ApiError with field errors and Retry-After', async () => {
    server.use(
      http.post(`${API}/servers`, () =>
        problem(422, 'Invalid', { errors: [{ field: 'name', message: 'taken' }] }, { 'Retry-After': '5' }),
      ),
    );
    const error = await createApiClient(createAuthStore(undefined))
      .request('/servers', { method: 'POST', body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldErrors).toEqual([{ field: 'name', message: 'taken' }]);
    expect((error as ApiError).retryAfterSeconds).toBe(5);
    expect((error as ApiError).message).toBe('Invalid');
  });

  it('ends the session on a 401 to an authenticated call, not on a failed login', async () => {
    const auth = createAuthStore(undefined);
    server.use(
      http.post(`${API}/login`, () => problem(401, 'bad credentials')),
      http.get(`${API}/servers`, () => problem(401, 'expired')),
    );
    const client = createApiClient(auth);
    auth.login('jwt', 3600);
    await expect(client.request('/login', { method: 'POST', body: {}, anonymous: true })).rejects.toThrow();
    expect(auth.getToken()).toBe('jwt');
    await expect(client.request('/servers')).rejects.toThrow();
    expect(auth.getToken()).toBeNull();
    expect(auth.getLogoutReason()).toBe('unauthorized');
  });

  it('reports an unreachable API as status 0', async () => {
    server.use(http.get(`${API}/servers`, () => HttpResponse.error()));
    const error = await createApiClient(createAuthStore(undefined)).request('/servers').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(0);
  });

  it('parses Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('reads the file name of a download', () => {
    expect(filenameFromDisposition('attachment; filename="web-1.conf"')).toBe('web-1.conf');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''caf%C3%A9.conf")).toBe('café.conf');
    expect(filenameFromDisposition('attachment; filename=plain.conf')).toBe('plain.conf');
    expect(filenameFromDisposition(null)).toBeNull();
  });

  it('retries network and server errors a little, never a 4xx', () => {
    expect(shouldRetry(0, new ApiError(404, {}))).toBe(false);
    expect(shouldRetry(0, new ApiError(409, {}))).toBe(false);
    expect(shouldRetry(0, new ApiError(503, {}))).toBe(true);
    expect(shouldRetry(0, new ApiError(0, {}))).toBe(true);
    expect(shouldRetry(2, new ApiError(503, {}))).toBe(false);
  });

  it('makes v4 UUIDs even without crypto.randomUUID (plain HTTP)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const id = uuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuid()).not.toBe(id);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
