import { Alert, type AlertProps } from '@mantine/core';
import { errorMessage } from '@/lib/api-client';

interface ErrorAlertProps extends Omit<AlertProps, 'children' | 'title'> {
  error: unknown;
  title?: string;
}

/** A failed request as a readable message (the problem document's `detail` when there is one). */
export function ErrorAlert({ error, title = 'Something went wrong', ...props }: ErrorAlertProps) {
  return (
    <Alert color="red" variant="light" title={title} role="alert" {...props}>
      {errorMessage(error)}
    </Alert>
  );
}
