import { isTransitional, type ServerStatus } from '../api/types';
import classes from './StatusBadge.module.css';

const COLORS: Record<ServerStatus, string> = {
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

/** The server's state; outlined while it is changing by itself. */
export function StatusBadge({ status }: { status: ServerStatus }) {
  return (
    <span
      className={classes.badge}
      data-color={COLORS[status] ?? 'gray'}
      data-moving={isTransitional(status) || undefined}
      data-status={status}
    >
      {statusLabel(status)}
    </span>
  );
}

/** A small spinner for "working on it"; decorative, the text next to it says what happens. */
export function Spinner() {
  return <span className={classes.spinner} aria-hidden="true" />;
}
