import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';
import { upsertServer } from './cache';
import type { Server, ServerAction } from './types';

export function runServerAction(id: string, action: ServerAction) {
  const path = `/servers/${encodeURIComponent(id)}`;
  if (action === 'terminate') return api.request<Server>(path, { method: 'DELETE' });
  return api.request<Server>(`${path}/actions`, { method: 'POST', body: { action } });
}

/** start / stop / shutdown / reboot / terminate; the returned server goes straight into the cache. */
export function useServerAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ServerAction) => runServerAction(id, action),
    onSuccess: (server) => upsertServer(queryClient, server),
  });
}

/** The wg-quick config is behind the bearer token, so fetch it as a Blob and save it. */
export async function downloadWireguardConfig(server: Pick<Server, 'id' | 'name'>) {
  const { blob, filename } = await api.blob(`/servers/${encodeURIComponent(server.id)}/wireguard.conf`);
  saveBlob(blob, filename ?? `${server.name}.conf`);
}
