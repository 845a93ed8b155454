import { authStore, type AuthStore } from './auth';

/** One entry of a problem document's `errors` list (validation failures). */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem document, as the Berth API sends it (`application/problem+json`). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/** A non-2xx answer from the API (or a failure to reach it, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait, from a `Retry-After` header (429, 503), when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail || problem.title || (status ? `HTTP ${status}` : 'Network error'));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A human sentence for any error thrown by the API client or a query. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 0) return 'The Berth API cannot be reached. Check your connection and try again.';
    return error.problem.detail || error.problem.title || `The request failed (HTTP ${error.status}).`;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the request without the bearer token and do not treat a 401 as "session ended". */
  anonymous?: boolean;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Like `request`, but gives back the raw body as a Blob (downloads). */
  blob(path: string, options?: RequestOptions): Promise<{ blob: Blob; filename: string | null }>;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Problem;
      if (body && typeof body === 'object') return body;
    } catch {
      // fall through to a generic problem
    }
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

/** `attachment; filename="web-1.conf"` → `web-1.conf` (also RFC 5987 `filename*=`). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // use the plain form below
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  if (!plain) return null;
  return (plain[2] ?? plain[1]).trim() || null;
}

/** Absolute URL against the page's origin (Node's fetch, used under test, rejects relative ones). */
function resolveUrl(url: string): string {
  return typeof window !== 'undefined' ? new URL(url, window.location.origin).toString() : url;
}

export function createApiClient(auth: AuthStore, baseUrl = '/api'): ApiClient {
  async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...options.headers };
    const token = options.anonymous ? null : auth.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(resolveUrl(`${baseUrl}${path}`), {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, { title: 'Network error', detail: undefined });
    }
    if (!response.ok) {
      const problem = await readProblem(response);
      // A 401 on an authenticated call means the token is gone (expired, revoked, server
      // restarted with a new key): end the session; the route guard then shows the login page.
      if (response.status === 401 && token) auth.logout('unauthorized');
      throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get('retry-after')));
    }
    return response;
  }

  return {
    async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
      const response = await send(path, options, 'application/json, application/problem+json');
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async blob(path: string, options: RequestOptions = {}) {
      const response = await send(path, options, '*/*');
      return {
        blob: await response.blob(),
        filename: filenameFromDisposition(response.headers.get('content-disposition')),
      };
    },
  };
}

/** The application's API client, bound to the application's session. */
export const api: ApiClient = createApiClient(authStore);
