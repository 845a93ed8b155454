import { Anchor, Card, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { formatCpu, formatDisk, formatMemory } from '@/lib/format';
import { isTransitional, type Server } from '../api/types';
import { StatusBadge } from './StatusBadge';

function StatusCell({ server }: { server: Server }) {
  const moving = isTransitional(server.status);
  return (
    <Stack gap={2} align="flex-start">
      <Group gap={6} wrap="nowrap">
        <StatusBadge status={server.status} />
        {moving && <Loader size={12} aria-hidden="true" />}
      </Group>
      {moving && server.status_detail && (
        <Text size="xs" c="dimmed">
          {server.status_detail}
        </Text>
      )}
    </Stack>
  );
}

const ServerRow = memo(function ServerRow({ server }: { server: Server }) {
  return (
    <Table.Tr data-server-id={server.id}>
      <Table.Th scope="row" fw={500}>
        <Anchor component={Link} to={`/servers/${server.id}`}>
          {server.name}
        </Anchor>
      </Table.Th>
      <Table.Td>{server.image?.name ?? '—'}</Table.Td>
      <Table.Td>{formatCpu(server.cpu_cores)}</Table.Td>
      <Table.Td>{formatMemory(server.memory_mb)}</Table.Td>
      <Table.Td>{formatDisk(server.disk_gb)}</Table.Td>
      <Table.Td ff="monospace">{server.ip_address ?? '—'}</Table.Td>
      <Table.Td>
        <StatusCell server={server} />
      </Table.Td>
    </Table.Tr>
  );
});

export function ServerTable({ servers }: { servers: Server[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Servers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Image</Table.Th>
            <Table.Th scope="col">CPU</Table.Th>
            <Table.Th scope="col">RAM</Table.Th>
            <Table.Th scope="col">Disk</Table.Th>
            <Table.Th scope="col">IP address</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {servers.map((server) => (
            <ServerRow key={server.id} server={server} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const ServerCard = memo(function ServerCard({ server }: { server: Server }) {
  return (
    <Card withBorder padding="md" radius="md" component="li" data-server-id={server.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Anchor component={Link} to={`/servers/${server.id}`} fw={600}>
          {server.name}
        </Anchor>
        <StatusCell server={server} />
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {server.image?.name ?? '—'}
      </Text>
      <Text size="sm" mt={4}>
        {formatCpu(server.cpu_cores)} · {formatMemory(server.memory_mb)} RAM · {formatDisk(server.disk_gb)} disk
      </Text>
      <Text size="sm" ff="monospace" mt={4}>
        {server.ip_address ?? 'No IP address yet'}
      </Text>
    </Card>
  );
});

/** The same list for narrow screens: one card per server instead of a wide table. */
export function ServerCards({ servers }: { servers: Server[] }) {
  return (
    <SimpleGrid
      cols={1}
      spacing="sm"
      component="ul"
      aria-label="Servers"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {servers.map((server) => (
        <ServerCard key={server.id} server={server} />
      ))}
    </SimpleGrid>
  );
}
