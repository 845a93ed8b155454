import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageLoader } from '@/components/ui/PageLoader';
import { useServers } from '../api/get-servers';
import { isTransitional } from '../api/types';
import { ServerCards, ServerTable } from './ServerList';

/** Below this width the table turns into cards. */
const NARROW = '(max-width: 48em)';

export function ServersPage() {
  useDocumentTitle('Servers · Berth');
  const location = useLocation();
  const navigate = useNavigate();
  const created = (location.state as { created?: string } | null)?.created;
  const narrow = useMediaQuery(NARROW, false, { getInitialValueInEffect: false });
  const query = useServers();
  const servers = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const inTransit = servers.filter((s) => isTransitional(s.status)).length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          Servers
        </Title>
        <Group gap="sm">
          <Button
            variant="default"
            onClick={() => void query.refetch()}
            loading={query.isFetching && !query.isFetchingNextPage && !query.isPending}
            disabled={query.isPending}
          >
            Refresh
          </Button>
          <Button component={Link} to="/servers/new">
            Create server
          </Button>
        </Group>
      </Group>

      {created && (
        <Alert
          color="blue"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => navigate(location.pathname, { replace: true, state: null })}
        >
          Server {created} is being created. It will show its IP address once it is running.
        </Alert>
      )}

      {query.isPending ? (
        <PageLoader label="Loading servers" />
      ) : query.isError && servers.length === 0 ? (
        <ErrorAlert error={query.error} title="Could not load your servers" />
      ) : servers.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Stack align="center" gap="xs">
            <Title order={2} size="h3">
              No servers yet
            </Title>
            <Text c="dimmed">Create your first server: pick an image and a size, and it is ready in a minute.</Text>
            <Button component={Link} to="/servers/new" mt="sm">
              Create your first server
            </Button>
          </Stack>
        </Paper>
      ) : (
        <>
          {query.isError && <ErrorAlert error={query.error} title="Could not refresh the list" />}
          <Text size="sm" c="dimmed" aria-live="polite">
            {servers.length === 1 ? '1 server' : `${servers.length} servers`}
            {inTransit > 0 && ` · ${inTransit} changing state, updating automatically`}
          </Text>
          {narrow ? <ServerCards servers={servers} /> : <ServerTable servers={servers} />}
          {query.hasNextPage && (
            <Group justify="center">
              <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

export default ServersPage;
