import { useSyncExternalStore } from 'react';
import { authStore, type Session } from './auth';

/** The current session (null when logged out); re-renders on login and logout. */
export function useSession(): Session | null {
  return useSyncExternalStore(authStore.subscribe, authStore.getSession, authStore.getSession);
}
