import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { authStore } from '@/lib/auth';
import { createQueryClient } from '@/lib/query-client';
import { theme } from './theme';

interface AppProvidersProps {
  children: ReactNode;
  queryClient?: QueryClient;
  /** "test" turns off Mantine's transitions and portals (jsdom). */
  env?: 'default' | 'test';
}

export function AppProviders({ children, queryClient, env = 'default' }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  // When the session ends, forget everything fetched with it: the next user must not see it.
  useEffect(
    () =>
      authStore.subscribe(() => {
        if (!authStore.getSession()) client.clear();
      }),
    [client],
  );

  return (
    <MantineProvider theme={theme} env={env}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
