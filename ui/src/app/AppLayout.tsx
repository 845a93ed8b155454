import { Anchor, AppShell, Box, Button, Group, Text } from '@mantine/core';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { PageLoader } from '@/components/ui/PageLoader';
import { authStore } from '@/lib/auth';
import { useSession } from '@/lib/use-auth';

export function AppLayout() {
  const session = useSession();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap" component="nav" aria-label="Main">
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="inherit">
              ⚓ Berth
            </Anchor>
            <Anchor component={Link} to="/" size="sm" visibleFrom="xs">
              Servers
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {session?.email && (
              <Text size="sm" c="dimmed" visibleFrom="sm" truncate maw={240}>
                {session.email}
              </Text>
            )}
            <Button variant="default" size="xs" onClick={() => authStore.logout('user')}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Box id="main" component="main" tabIndex={-1} maw={1200} mx="auto" style={{ outline: 'none' }}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
