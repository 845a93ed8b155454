import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageLoader } from '@/components/ui/PageLoader';
import { errorMessage, isApiError } from '@/lib/api-client';
import { formatCpu, formatDisk, formatMemory } from '@/lib/format';
import { uuid } from '@/lib/uuid';
import { useImages, usePlans } from '@/features/catalog/api/get-catalog';
import { useCreateServer, type CreateServerBody } from '../api/create-server';
import { mapFieldErrors } from './field-errors';

const FIELDS = ['name', 'image_id', 'plan_id', 'cpu_cores', 'memory_mb', 'disk_gb', 'ssh_keys'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field, string>>;
type Sizing = 'plan' | 'custom';

interface Values {
  name: string;
  imageId: string | null;
  sizing: Sizing;
  planId: string | null;
  cpu: number | string;
  memory: number | string;
  disk: number | string;
  sshKeys: string;
}

function toBody(v: Values): CreateServerBody {
  const ssh_keys = v.sshKeys
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const base = { name: v.name.trim(), image_id: v.imageId ?? '', ...(ssh_keys.length ? { ssh_keys } : {}) };
  return v.sizing === 'plan'
    ? { ...base, plan_id: v.planId ?? '' }
    : { ...base, cpu_cores: Number(v.cpu), memory_mb: Number(v.memory), disk_gb: Number(v.disk) };
}

function isPositiveInt(value: number | string): boolean {
  return value !== '' && Number.isInteger(Number(value)) && Number(value) > 0;
}

function validate(v: Values, minDisk: number | undefined): Errors {
  const errors: Errors = {};
  if (!v.name.trim()) errors.name = 'Give the server a name';
  else if (v.name.trim().length > 63) errors.name = 'Use at most 63 characters';
  if (!v.imageId) errors.image_id = 'Choose an image';
  if (v.sizing === 'plan') {
    if (!v.planId) errors.plan_id = 'Choose a plan';
  } else {
    if (!isPositiveInt(v.cpu)) errors.cpu_cores = 'Enter a whole number of cores';
    if (!isPositiveInt(v.memory)) errors.memory_mb = 'Enter the memory in MB';
    if (!isPositiveInt(v.disk)) errors.disk_gb = 'Enter the disk size in GB';
    else if (minDisk && Number(v.disk) < minDisk) errors.disk_gb = `This image needs at least ${minDisk} GB`;
  }
  return errors;
}

export function CreateServerPage() {
  useDocumentTitle('Create server · Berth');
  const navigate = useNavigate();
  const images = useImages();
  const plans = usePlans();
  const create = useCreateServer();

  const [values, setValues] = useState<Values>({
    name: '',
    imageId: null,
    sizing: 'plan',
    planId: null,
    cpu: 1,
    memory: 1024,
    disk: 20,
    sshKeys: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  // One Idempotency-Key per submission. It is reused only when the same body is sent again after
  // an answer we never got or a server error (a network drop, a 5xx): the API then returns the
  // server it may already have created instead of building a second VM. Any change to the form,
  // or a 4xx answer, starts a new submission with a new key.
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  if (images.isPending || plans.isPending) return <PageLoader label="Loading images and plans" />;
  if (images.isError) return <ErrorAlert error={images.error} title="Could not load the images" />;

  const planList = plans.data ?? [];
  const sizing: Sizing = planList.length === 0 ? 'custom' : values.sizing;
  const image = images.data.find((i) => i.id === values.imageId);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const current = { ...values, sizing };
    const clientErrors = validate(current, image?.min_disk_gb);
    setErrors(clientErrors);
    setOtherErrors([]);
    if (Object.keys(clientErrors).length > 0) {
      const first = FIELDS.find((f) => clientErrors[f]);
      const el = first && event.currentTarget.querySelector<HTMLElement>(`[data-field="${first}"]`);
      el?.focus();
      return;
    }
    const body = toBody(current);
    const bodyJson = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== bodyJson) attempt.current = { key: uuid(), body: bodyJson };
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (server) => {
          attempt.current = null;
          navigate('/', { state: { created: server.name } });
        },
        onError: (error) => {
          if (isApiError(error) && error.isClientError) attempt.current = null;
          if (isApiError(error) && error.fieldErrors.length) {
            const { byField, other } = mapFieldErrors(error.fieldErrors, FIELDS);
            setErrors(byField);
            setOtherErrors(other);
          }
        },
      },
    );
  };

  const serverError = create.error;
  const imageOptions = images.data.map((i) => ({ value: i.id, label: i.os && !i.name.includes(i.os) ? `${i.name} (${i.os})` : i.name }));
  const planOptions = planList.map((p) => ({
    value: p.id,
    label: `${p.name} — ${formatCpu(p.cpu_cores)}, ${formatMemory(p.memory_mb)} RAM, ${formatDisk(p.disk_gb)} disk`,
  }));

  return (
    <Stack gap="md" maw={720}>
      <Anchor component={Link} to="/">
        ← All servers
      </Anchor>
      <Title order={1} size="h2">
        Create server
      </Title>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={onSubmit} noValidate aria-label="Create server">
          <Stack gap="md">
            {serverError && (
              <Alert color="red" variant="light" role="alert" title="The server was not created">
                {isApiError(serverError) && serverError.fieldErrors.length
                  ? serverError.problem.detail || 'Please correct the highlighted fields.'
                  : errorMessage(serverError)}
                {otherErrors.length > 0 && (
                  <List size="sm" mt="xs">
                    {otherErrors.map((message) => (
                      <List.Item key={message}>{message}</List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
            <TextInput
              label="Name"
              description="Used as the host name, e.g. web-1"
              data-field="name"
              withAsterisk
              aria-required
              autoComplete="off"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
            />
            <Select
              label="Image"
              placeholder="Choose an operating system"
              data-field="image_id"
              withAsterisk
              aria-required
              data={imageOptions}
              value={values.imageId}
              onChange={(value) => set('imageId', value)}
              error={errors.image_id}
              allowDeselect={false}
              nothingFoundMessage="No images available"
            />
            {planList.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="sizing-label">
                  Size
                </Text>
                <SegmentedControl
                  aria-labelledby="sizing-label"
                  value={sizing}
                  onChange={(value) => set('sizing', value as Sizing)}
                  data={[
                    { value: 'plan', label: 'Plan' },
                    { value: 'custom', label: 'Custom resources' },
                  ]}
                />
              </Stack>
            )}
            {sizing === 'plan' ? (
              <Select
                label="Plan"
                placeholder="Choose a plan"
                data-field="plan_id"
                withAsterisk
                aria-required
                data={planOptions}
                value={values.planId}
                onChange={(value) => set('planId', value)}
                error={errors.plan_id}
                allowDeselect={false}
              />
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                  label="CPU cores"
                  data-field="cpu_cores"
                  min={1}
                  allowDecimal={false}
                  allowNegative={false}
                  value={values.cpu}
                  onChange={(value) => set('cpu', value)}
                  error={errors.cpu_cores}
                />
                <NumberInput
                  label="Memory (MB)"
                  data-field="memory_mb"
                  min={256}
                  step={512}
                  allowDecimal={false}
                  allowNegative={false}
                  value={values.memory}
                  onChange={(value) => set('memory', value)}
                  error={errors.memory_mb}
                />
                <NumberInput
                  label="Disk (GB)"
                  data-field="disk_gb"
                  min={image?.min_disk_gb ?? 1}
                  allowDecimal={false}
                  allowNegative={false}
                  value={values.disk}
                  onChange={(value) => set('disk', value)}
                  error={errors.disk_gb}
                />
              </SimpleGrid>
            )}
            <Textarea
              label="SSH public keys"
              description="Optional. One key per line, e.g. ssh-ed25519 AAAA… user@laptop"
              data-field="ssh_keys"
              autosize
              minRows={3}
              maxRows={10}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={values.sshKeys}
              onChange={(e) => set('sshKeys', e.currentTarget.value)}
              error={errors.ssh_keys}
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create server
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

export default CreateServerPage;
