import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageLoader } from '@/components/ui/PageLoader';
import { errorMessage, isApiError } from '@/lib/api-client';
import { formatCpu, formatDateTime, formatDisk, formatMemory } from '@/lib/format';
import { useServer } from '../api/get-server';
import { downloadWireguardConfig } from '../api/server-actions';
import { isTransitional, type Server } from '../api/types';
import { ServerActions } from './ServerActions';
import { Spinner, StatusBadge } from './StatusBadge';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function WireguardDownload({ server }: { server: Server }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadWireguardConfig(server);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button variant="light" onClick={() => void onClick()} loading={busy}>
          Download WireGuard config
        </Button>
        <Text size="sm" c="dimmed">
          A wg-quick configuration that reaches this server only.
        </Text>
      </Group>
      {error != null && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
    </Stack>
  );
}

export function ServerDetailPage() {
  const { id = '' } = useParams();
  const query = useServer(id);
  const server = query.data;
  useDocumentTitle(server ? `${server.name} · Berth` : 'Server · Berth');

  if (query.isPending) return <PageLoader label="Loading server" />;
  if (!server) {
    const notFound = isApiError(query.error) && query.error.status === 404;
    return (
      <Stack>
        <Anchor component={Link} to="/">
          ← All servers
        </Anchor>
        {notFound ? (
          <Alert color="yellow" variant="light" role="alert" title="Server not found">
            There is no server with this id in your account.
          </Alert>
        ) : (
          <ErrorAlert error={query.error} title="Could not load the server" />
        )}
      </Stack>
    );
  }

  const moving = isTransitional(server.status);
  const attributes = Object.entries(server.attributes ?? {});
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/">
        ← All servers
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} size="h2" style={{ wordBreak: 'break-word' }}>
            {server.name}
          </Title>
          <StatusBadge status={server.status} />
        </Group>
        {moving && (
          <Group gap="xs" role="status" aria-live="polite">
            <Spinner />
            <Text size="sm" c="dimmed">
              {server.status_detail || 'Working on it…'}
            </Text>
          </Group>
        )}
        {!moving && server.status === 'failed' && server.status_detail && (
          <Text size="sm" c="red" role="status">
            {server.status_detail}
          </Text>
        )}
        {server.status === 'suspended' && (
          <Text size="sm" c="dimmed">
            This server is suspended by an administrator: it cannot be started, stopped or rebooted.
          </Text>
        )}
      </Stack>

      <ServerActions server={server} />
      {query.isError && <ErrorAlert error={query.error} title="Could not refresh the server" />}

      <Card withBorder radius="md" padding="lg">
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" m={0}>
          <Field label="IP address">
            <Text span ff="monospace">
              {server.ip_address ?? 'Not assigned yet'}
            </Text>
          </Field>
          <Field label="Image">{server.image?.name ?? '—'}</Field>
          <Field label="CPU">{formatCpu(server.cpu_cores)}</Field>
          <Field label="Memory">{formatMemory(server.memory_mb)}</Field>
          <Field label="Disk">{formatDisk(server.disk_gb)}</Field>
          <Field label="Location">{server.location || '—'}</Field>
          <Field label="Node">{server.node || '—'}</Field>
          <Field label="Created">{formatDateTime(server.created_at)}</Field>
          <Field label="Updated">{formatDateTime(server.updated_at)}</Field>
          {attributes.map(([key, value]) => (
            <Field key={key} label={key}>
              {value}
            </Field>
          ))}
        </SimpleGrid>
      </Card>

      {server.status === 'running' && <WireguardDownload server={server} />}
    </Stack>
  );
}

export default ServerDetailPage;
