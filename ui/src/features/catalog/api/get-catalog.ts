import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Image, Plan } from './types';

/** Images and plans change rarely: keep them for a few minutes. */
const CATALOG_STALE_MS = 5 * 60_000;

export const imagesQueryOptions = () =>
  queryOptions({
    queryKey: ['images'],
    queryFn: ({ signal }) => api.request<Image[]>('/images', { signal }),
    staleTime: CATALOG_STALE_MS,
  });

export const plansQueryOptions = () =>
  queryOptions({
    queryKey: ['plans'],
    queryFn: ({ signal }) => api.request<Plan[]>('/plans', { signal }),
    staleTime: CATALOG_STALE_MS,
  });

export const useImages = () => useQuery(imagesQueryOptions());
export const usePlans = () => useQuery(plansQueryOptions());
