import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { addCreatedServer } from './cache';
import type { Server } from './types';

export type CreateServerBody = {
  name: string;
  image_id: string;
  ssh_keys?: string[];
} & ({ plan_id: string } | { cpu_cores: number; memory_mb: number; disk_gb: number });

export interface CreateServerInput {
  body: CreateServerBody;
  /** Same key + same body → the API returns the same server instead of creating a second VM. */
  idempotencyKey: string;
}

export function createServer({ body, idempotencyKey }: CreateServerInput) {
  return api.request<Server>('/servers', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useCreateServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createServer,
    onSuccess: (server) => addCreatedServer(queryClient, server),
  });
}
