/** Query keys for servers, in one place so that mutations update the right cache entries. */
export const serverKeys = {
  all: ['servers'] as const,
  lists: () => [...serverKeys.all, 'list'] as const,
  list: (status?: string) => [...serverKeys.lists(), { status: status ?? null }] as const,
  details: () => [...serverKeys.all, 'detail'] as const,
  detail: (id: string) => [...serverKeys.details(), id] as const,
};
