import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface Me {
  id: string;
  email: string;
  role: 'user' | 'admin';
  created_at: string;
  quotas: { servers: number; subdomains: number };
  usage: { servers: number; subdomains: number };
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: ({ signal }) => api.request<Me>('/users/me', { signal }),
    staleTime: 60_000,
  });

export const useMe = () => useQuery(meQueryOptions());
