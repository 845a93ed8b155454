import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useServerAction } from '../api/server-actions';
import { isActionAllowed, type Server, type ServerAction } from '../api/types';

interface ActionSpec {
  action: ServerAction;
  label: string;
  color?: string;
  variant?: string;
  /** Destructive actions ask first. */
  confirm?: { title: string; body: (name: string) => string; button: string };
}

const ACTIONS: ActionSpec[] = [
  { action: 'start', label: 'Start' },
  { action: 'shutdown', label: 'Shut down', variant: 'default' },
  {
    action: 'stop',
    label: 'Stop',
    variant: 'default',
    color: 'red',
    confirm: {
      title: 'Stop server?',
      body: (name) =>
        `Stopping ${name} cuts its power at once, like pulling the plug: unsaved data may be lost. Use "Shut down" for a clean shutdown.`,
      button: 'Stop server',
    },
  },
  { action: 'reboot', label: 'Reboot', variant: 'default' },
  {
    action: 'terminate',
    label: 'Terminate',
    color: 'red',
    variant: 'light',
    confirm: {
      title: 'Terminate server?',
      body: (name) =>
        `Terminating ${name} deletes the virtual machine and its disk, its VPN peer and its DNS records. This cannot be undone.`,
      button: 'Terminate server',
    },
  },
];

export function ServerActions({ server }: { server: Server }) {
  const mutation = useServerAction(server.id);
  const [pending, setPending] = useState<ActionSpec | null>(null);

  const run = (spec: ActionSpec) => {
    mutation.mutate(spec.action, { onSettled: () => setPending(null) });
  };

  const onClick = (spec: ActionSpec) => {
    mutation.reset();
    if (spec.confirm) setPending(spec);
    else run(spec);
  };

  const error = mutation.error;
  return (
    <>
      <Group gap="sm" role="group" aria-label="Server actions">
        {ACTIONS.map((spec) => (
          <Button
            key={spec.action}
            color={spec.color}
            variant={spec.variant ?? 'filled'}
            disabled={!isActionAllowed(server.status, spec.action) || mutation.isPending}
            loading={mutation.isPending && mutation.variables === spec.action && !pending}
            onClick={() => onClick(spec)}
          >
            {spec.label}
          </Button>
        ))}
      </Group>
      {error && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          mt="sm"
          title={isApiError(error) && error.status === 409 ? 'Not possible right now' : 'The action failed'}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => mutation.reset()}
        >
          {errorMessage(error)}
        </Alert>
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={pending?.confirm?.title ?? ''}
        confirmLabel={pending?.confirm?.button ?? 'Confirm'}
        loading={mutation.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && run(pending)}
      >
        {pending?.confirm?.body(server.name)}
      </ConfirmDialog>
    </>
  );
}
