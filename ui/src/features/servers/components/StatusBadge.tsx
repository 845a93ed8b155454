import { Badge, type MantineColor } from '@mantine/core';
import { isTransitional, type ServerStatus } from '../api/types';

const COLORS: Record<ServerStatus, MantineColor> = {
  provisioning: 'blue',
  starting: 'blue',
  stopping: 'yellow',
  rebooting: 'blue',
  terminating: 'orange',
  terminated: 'gray',
  running: 'green',
  stopped: 'gray',
  failed: 'red',
  suspended: 'grape',
};

const LABELS: Record<ServerStatus, string> = {
  provisioning: 'Provisioning',
  starting: 'Starting',
  stopping: 'Stopping',
  rebooting: 'Rebooting',
  terminating: 'Terminating',
  terminated: 'Terminated',
  running: 'Running',
  stopped: 'Stopped',
  failed: 'Failed',
  suspended: 'Suspended',
};

export function statusLabel(status: ServerStatus): string {
  return LABELS[status] ?? status;
}

export function StatusBadge({ status }: { status: ServerStatus }) {
  return (
    <Badge
      color={COLORS[status] ?? 'gray'}
      variant={isTransitional(status) ? 'outline' : 'light'}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {statusLabel(status)}
    </Badge>
  );
}
