import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { authStore } from '@/lib/auth';
import { errorMessage, isApiError } from '@/lib/api-client';
import { formatWait } from '@/lib/format';
import { useSession } from '@/lib/use-auth';
import { useLogin } from '../api/login';
import { safeNext } from './redirect';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FieldErrors {
  email?: string;
  password?: string;
}

export function validateCredentials(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!email.trim()) errors.email = 'Enter your email address';
  else if (!EMAIL_PATTERN.test(email.trim())) errors.email = 'Enter a valid email address, like name@example.com';
  if (!password) errors.password = 'Enter your password';
  return errors;
}

/** Seconds left until `until` (epoch ms), refreshed every second while positive. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 1_000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function LoginPage() {
  useDocumentTitle('Sign in · Berth');
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const loginMutation = useLogin();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [lockSeconds, setLockSeconds] = useState(0);
  const secondsLeft = useCountdown(lockedUntil);
  const locked = secondsLeft > 0;
  // Why the previous session ended, read once: it explains why the user is here again.
  const [endedReason] = useState(() => authStore.getLogoutReason());

  // Logged in (already, or just now: the store update re-renders us): go where the user was headed.
  if (session) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (locked || loginMutation.isPending) return;
    const errors = validateCredentials(email, password);
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      const field = event.currentTarget.elements.namedItem(errors.email ? 'email' : 'password');
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    loginMutation.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          if (isApiError(error) && error.status === 429) {
            const wait = error.retryAfterSeconds ?? 60;
            setLockSeconds(wait);
            setLockedUntil(Date.now() + wait * 1000);
          }
        },
      },
    );
  };

  const error = loginMutation.error;
  let errorText: string | null = null;
  if (error && isApiError(error) && error.status === 401) {
    errorText = 'Wrong email or password.';
  } else if (error && isApiError(error) && error.status === 429) {
    // The alert says the wait once (a live countdown inside role="alert" would be re-announced
    // every second); the button counts down.
    errorText = locked
      ? `Too many failed sign-in attempts. Try again in ${formatWait(lockSeconds)}.`
      : 'Too many failed sign-in attempts. You can try again now.';
  } else if (error) {
    errorText = errorMessage(error);
  }

  return (
    <Center mih="100dvh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form onSubmit={onSubmit} noValidate aria-labelledby="login-title">
          <Stack>
            <div>
              <Title order={1} size="h2" id="login-title">
                Sign in to Berth
              </Title>
              <Text c="dimmed" size="sm">
                Your servers, one click away.
              </Text>
            </div>
            {endedReason && endedReason !== 'user' && !error && (
              <Alert color="yellow" variant="light" role="status">
                Your session has ended. Please sign in again.
              </Alert>
            )}
            {errorText && (
              <Alert color="red" variant="light" role="alert" title="Sign-in failed">
                {errorText}
              </Alert>
            )}
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              withAsterisk
              aria-required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors.email}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              visibilityToggleFocusable
              withAsterisk
              aria-required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldErrors.password}
            />
            <Button type="submit" loading={loginMutation.isPending} disabled={locked} fullWidth>
              {locked ? `Sign in (wait ${formatWait(secondsLeft)})` : 'Sign in'}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

export default LoginPage;
