import { createAuthStore } from './auth';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('auth store', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps the token with its expiry so that a reload keeps the session', () => {
    const storage = memoryStorage();
    const first = createAuthStore(storage);
    first.login('jwt-1', 3600, 'ada@example.com');
    const afterReload = createAuthStore(storage);
    expect(afterReload.getToken()).toBe('jwt-1');
    expect(afterReload.getSession()?.email).toBe('ada@example.com');
  });

  it('discards an expired copy at start-up', () => {
    const storage = memoryStorage();
    storage.setItem('berth.session', JSON.stringify({ token: 'old', expiresAt: Date.now() - 1000 }));
    expect(createAuthStore(storage).getToken()).toBeNull();
    expect(storage.getItem('berth.session')).toBeNull();
  });

  it('ignores a corrupt copy', () => {
    const storage = memoryStorage();
    storage.setItem('berth.session', '{not json');
    expect(createAuthStore(storage).getToken()).toBeNull();
  });

  it('logs out by itself when the token expires', () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const store = createAuthStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.login('jwt', 60);
    vi.advanceTimersByTime(54_000);
    expect(store.getToken()).toBe('jwt');
    vi.advanceTimersByTime(2_000);
    expect(store.getToken()).toBeNull();
    expect(store.getLogoutReason()).toBe('expired');
    expect(storage.getItem('berth.session')).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('clears the copy on logout', () => {
    const storage = memoryStorage();
    const store = createAuthStore(storage);
    store.login('jwt', 3600);
    store.logout();
    expect(store.getToken()).toBeNull();
    expect(store.getLogoutReason()).toBe('user');
    expect(storage.getItem('berth.session')).toBeNull();
  });
});
