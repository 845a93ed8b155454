import type { Server, ServerStatus } from '@/features/servers/api/types';
import type { Image, Plan } from '@/features/catalog/api/types';

let seq = 0;

export function makeServer(overrides: Partial<Server> = {}): Server {
  seq += 1;
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  const status: ServerStatus = overrides.status ?? 'running';
  return {
    id,
    name: `web-${seq}`,
    status,
    image: { id: 'img-ubuntu', name: 'Ubuntu 24.04' },
    cpu_cores: 2,
    memory_mb: 2048,
    disk_gb: 20,
    ip_address: status === 'provisioning' ? null : `10.10.0.${(seq % 250) + 2}`,
    node: 'pve1',
    location: 'Frankfurt',
    status_detail: null,
    attributes: {},
    created_at: '2025-01-01T10:00:00Z',
    updated_at: '2025-01-01T10:00:00Z',
    ...overrides,
  };
}

export const images: Image[] = [
  { id: 'img-ubuntu', name: 'Ubuntu 24.04', os: 'linux', min_disk_gb: 10 },
  { id: 'img-debian', name: 'Debian 12', os: 'linux', min_disk_gb: 8 },
];

export const plans: Plan[] = [
  { id: 'plan-s', name: 'Small', cpu_cores: 1, memory_mb: 1024, disk_gb: 20 },
  { id: 'plan-m', name: 'Medium', cpu_cores: 2, memory_mb: 4096, disk_gb: 40 },
];
