import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serverKeys } from './keys';
import { isTransitional, POLL_INTERVAL_MS, type Server } from './types';

export function getServer(id: string, signal?: AbortSignal) {
  return api.request<Server>(`/servers/${encodeURIComponent(id)}`, { signal });
}

export function serverQueryOptions(id: string) {
  return queryOptions({
    queryKey: serverKeys.detail(id),
    queryFn: ({ signal }) => getServer(id, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && isTransitional(status) ? POLL_INTERVAL_MS : false;
    },
  });
}

export function useServer(id: string) {
  return useQuery(serverQueryOptions(id));
}
