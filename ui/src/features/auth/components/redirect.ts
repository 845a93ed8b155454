/**
 * The route to go back to after login, from `?next=`. Only same-origin paths are accepted
 * ("/servers/1"), never "//evil.example" or "https://…", so the parameter cannot be used as an
 * open redirect.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}

export function loginPath(next: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
