import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { serverKeys } from './keys';
import type { Server, ServerPage } from './types';

type ListData = InfiniteData<ServerPage, string | null>;

/** Put a server the API just returned into the detail cache and every list that shows it. */
export function upsertServer(queryClient: QueryClient, server: Server): void {
  queryClient.setQueryData(serverKeys.detail(server.id), server);
  queryClient.setQueriesData<ListData>({ queryKey: serverKeys.lists() }, (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => {
        if (item.id !== server.id) return item;
        found = true;
        return server;
      }),
    }));
    return found ? { ...data, pages } : data;
  });
}

/** A server that was just created: show it at once at the top of the (unfiltered) list. */
export function addCreatedServer(queryClient: QueryClient, server: Server): void {
  queryClient.setQueryData(serverKeys.detail(server.id), server);
  queryClient.setQueriesData<ListData>({ queryKey: serverKeys.lists() }, (data) => {
    if (!data || data.pages.length === 0) return data;
    if (data.pages.some((page) => page.items.some((item) => item.id === server.id))) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ ...first, items: [server, ...first.items] }, ...rest] };
  });
  // A list query that was never loaded has nothing to update: seed the unfiltered one so the
  // dashboard shows the new server immediately; its next poll brings the full list.
  if (!queryClient.getQueryData(serverKeys.list())) {
    queryClient.setQueryData<ListData>(serverKeys.list(), {
      pages: [{ items: [server], next_cursor: null }],
      pageParams: [null],
    });
    void queryClient.invalidateQueries({ queryKey: serverKeys.list(), refetchType: 'none' });
  }
}
