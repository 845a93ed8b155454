import { queryOptions, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serverKeys } from './keys';
import { isTransitional, POLL_INTERVAL_MS, type Server, type ServerPage } from './types';

export function getServer(id: string, signal?: AbortSignal) {
  return api.request<Server>(`/servers/${encodeURIComponent(id)}`, { signal });
}

/** The server as the last list fetch saw it, to show something while its own fetch runs. */
function fromLists(queryClient: QueryClient, id: string): Server | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ServerPage>>({ queryKey: serverKeys.lists() })) {
    for (const page of data?.pages ?? []) {
      const found = page.items.find((s) => s.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

export function serverQueryOptions(id: string) {
  return queryOptions({
    queryKey: serverKeys.detail(id),
    queryFn: ({ signal }) => getServer(id, signal),
    // A server's state moves on its own: whatever is cached is shown, but always re-checked.
    staleTime: 0,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && isTransitional(status) ? POLL_INTERVAL_MS : false;
    },
  });
}

export function useServer(id: string) {
  const queryClient = useQueryClient();
  return useQuery({ ...serverQueryOptions(id), placeholderData: () => fromLists(queryClient, id) });
}
