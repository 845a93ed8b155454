export const SERVER_STATUSES = [
  'provisioning',
  'running',
  'stopped',
  'starting',
  'stopping',
  'rebooting',
  'terminating',
  'terminated',
  'failed',
  'suspended',
] as const;

export type ServerStatus = (typeof SERVER_STATUSES)[number];

export interface Server {
  id: string;
  name: string;
  status: ServerStatus;
  image: { id: string; name: string } | null;
  cpu_cores: number;
  memory_mb: number;
  disk_gb: number;
  ip_address: string | null;
  node?: string | null;
  location?: string | null;
  status_detail?: string | null;
  attributes?: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface ServerPage {
  items: Server[];
  next_cursor: string | null;
}

export type PowerAction = 'start' | 'stop' | 'shutdown' | 'reboot';
export type ServerAction = PowerAction | 'terminate';

/** States that change to a settled state by themselves: clients poll while in them. */
export const TRANSITIONAL_STATUSES: ReadonlySet<ServerStatus> = new Set<ServerStatus>([
  'provisioning',
  'starting',
  'stopping',
  'rebooting',
  'terminating',
]);

export function isTransitional(status: ServerStatus): boolean {
  return TRANSITIONAL_STATUSES.has(status);
}

/**
 * The actions that make sense in each state. Nothing while a change is under way or once
 * terminated; a suspended server refuses its owner's power actions but can still be terminated.
 */
const ALLOWED: Record<ServerStatus, readonly ServerAction[]> = {
  provisioning: [],
  starting: [],
  stopping: [],
  rebooting: [],
  terminating: [],
  terminated: [],
  running: ['shutdown', 'stop', 'reboot', 'terminate'],
  stopped: ['start', 'terminate'],
  failed: ['terminate'],
  suspended: ['terminate'],
};

export function allowedActions(status: ServerStatus): readonly ServerAction[] {
  return ALLOWED[status] ?? [];
}

export function isActionAllowed(status: ServerStatus, action: ServerAction): boolean {
  return allowedActions(status).includes(action);
}

/** How often a server in a transitional state is polled. */
export const POLL_INTERVAL_MS = 2_000;
