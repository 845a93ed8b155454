import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serverKeys } from './keys';
import { isTransitional, POLL_INTERVAL_MS, type ServerPage } from './types';

export function getServers(params: { cursor: string | null; status?: string; signal?: AbortSignal }) {
  const search = new URLSearchParams();
  if (params.cursor) search.set('cursor', params.cursor);
  if (params.status) search.set('status', params.status);
  const query = search.toString();
  return api.request<ServerPage>(`/servers${query ? `?${query}` : ''}`, { signal: params.signal });
}

export function serversQueryOptions(status?: string) {
  return infiniteQueryOptions({
    queryKey: serverKeys.list(status),
    queryFn: ({ pageParam, signal }) => getServers({ cursor: pageParam, status, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor || null,
    // Poll while anything on screen is changing state; stop as soon as everything settled.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((s) => isTransitional(s.status)))
        ? POLL_INTERVAL_MS
        : false,
  });
}

export function useServers(status?: string) {
  return useInfiniteQuery(serversQueryOptions(status));
}
