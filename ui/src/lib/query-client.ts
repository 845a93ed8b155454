import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/**
 * Retry only what may succeed on a second try: network failures and 5xx. A 4xx is the answer
 * (bad input, not found, conflict, unauthorized) and repeating it only delays the message.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.isClientError) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 5_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
