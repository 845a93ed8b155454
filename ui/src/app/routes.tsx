import { Anchor, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router';
import { PageLoader } from '@/components/ui/PageLoader';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { AppLayout } from './AppLayout';

// Pages load on demand so the first download stays small; the dashboard is the landing page.
const LoginPage = lazy(() => import('@/features/auth/components/LoginPage'));
const ServersPage = lazy(() => import('@/features/servers/components/ServersPage'));
const CreateServerPage = lazy(() => import('@/features/servers/components/CreateServerPage'));
const ServerDetailPage = lazy(() => import('@/features/servers/components/ServerDetailPage'));

function NotFound() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Page not found
      </Title>
      <Text>There is nothing at this address.</Text>
      <Anchor component={Link} to="/">
        Go to your servers
      </Anchor>
    </Stack>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<PageLoader />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<ServersPage />} />
          <Route path="servers" element={<ServersPage />} />
          <Route path="servers/new" element={<CreateServerPage />} />
          <Route path="servers/:id" element={<ServerDetailPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
