/**
 * The session: the bearer token the API gave us at login and when it stops being valid.
 *
 * Where the token lives, and why:
 * - The source of truth is this module's memory. Every request reads it from here.
 * - A copy sits in `sessionStorage` (token + absolute expiry), only so that a reload of the tab
 *   does not throw the user back to the login page. sessionStorage is scoped to one tab and is
 *   wiped when the tab closes, so the token does not outlive the browsing session or leak into
 *   other tabs the way `localStorage` would. It is never sent automatically (unlike a cookie),
 *   so there is no CSRF exposure. Script injection could read it, but injected script could
 *   equally call the API with the in-memory token, so memory-only would buy little and cost a
 *   login on every reload.
 * - The copy is removed on logout, on a 401 from the API and when the expiry passes (a timer
 *   logs out at that moment; an expired copy found at start-up is discarded).
 */

export interface Session {
  token: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
  email?: string;
}

export type LogoutReason = 'user' | 'expired' | 'unauthorized';

type Listener = () => void;

const STORAGE_KEY = 'berth.session';
/** Log out a little before the server would refuse the token. */
const EXPIRY_SKEW_MS = 5_000;
/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

export interface AuthStore {
  getSession(): Session | null;
  getToken(): string | null;
  getLogoutReason(): LogoutReason | null;
  login(token: string, expiresInSeconds: number, email?: string): void;
  logout(reason?: LogoutReason): void;
  subscribe(listener: Listener): () => void;
}

function readStored(storage: Storage | undefined, now: number): Session | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') {
      storage.removeItem(STORAGE_KEY);
      return null;
    }
    if (parsed.expiresAt - EXPIRY_SKEW_MS <= now) {
      storage.removeItem(STORAGE_KEY);
      return null;
    }
    return { token: parsed.token, expiresAt: parsed.expiresAt, email: parsed.email };
  } catch {
    return null;
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : undefined;
  } catch {
    // Storage can be disabled by browser policy; the session then lives in memory only.
    return undefined;
  }
}

export function createAuthStore(storage: Storage | undefined = safeStorage()): AuthStore {
  let session: Session | null = readStored(storage, Date.now());
  let logoutReason: LogoutReason | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<Listener>();

  const emit = () => listeners.forEach((l) => l());

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!session) return;
    const wait = session.expiresAt - EXPIRY_SKEW_MS - Date.now();
    if (wait <= 0) {
      store.logout('expired');
      return;
    }
    timer = setTimeout(() => {
      if (session && session.expiresAt - EXPIRY_SKEW_MS <= Date.now()) store.logout('expired');
      else schedule();
    }, Math.min(wait, MAX_TIMER_MS));
  };

  const store: AuthStore = {
    getSession: () => session,
    getToken: () => session?.token ?? null,
    getLogoutReason: () => logoutReason,
    login(token, expiresInSeconds, email) {
      session = { token, expiresAt: Date.now() + expiresInSeconds * 1000, email };
      logoutReason = null;
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(session));
      } catch {
        // Quota or policy: keep the in-memory session.
      }
      schedule();
      emit();
    },
    logout(reason = 'user') {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // ignore
      }
      if (!session) return;
      session = null;
      logoutReason = reason;
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  schedule();
  return store;
}

/** The application's single session. Tests create their own stores with `createAuthStore`. */
export const authStore: AuthStore = createAuthStore();
