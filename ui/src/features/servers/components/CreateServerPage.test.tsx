import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { makeServer } from '@/test/fixtures';
import { renderApp, signIn } from '@/test/render';
import { API, problem, server } from '@/test/server';

async function choose(user: UserEvent, label: RegExp, option: RegExp) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

async function fillValidForm(user: UserEvent) {
  await user.type(await screen.findByRole('textbox', { name: /^name/i }), 'web-7');
  await choose(user, /^image/i, /Ubuntu 24.04/);
  await choose(user, /^plan/i, /Small/);
}

describe('CreateServerPage', () => {
  beforeEach(() => signIn());

  it('checks the required fields before sending anything', async () => {
    let posts = 0;
    server.use(http.post(`${API}/servers`, () => {
      posts += 1;
      return HttpResponse.json({}, { status: 202 });
    }));
    const { user } = renderApp('/servers/new');
    await user.click(await screen.findByRole('button', { name: 'Create server' }));
    expect(screen.getByText('Give the server a name')).toBeInTheDocument();
    expect(screen.getByText('Choose an image')).toBeInTheDocument();
    expect(screen.getByText('Choose a plan')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^name/i })).toHaveFocus();
    expect(posts).toBe(0);
  });

  it('shows the field errors of a problem+json answer next to the fields', async () => {
    server.use(
      http.post(`${API}/servers`, () =>
        problem(422, 'The request has invalid fields.', {
          errors: [
            { field: 'name', message: 'A server named web-7 already exists.' },
            { field: 'ssh_keys[0]', message: 'Not a valid OpenSSH public key.' },
            { field: 'region', message: 'Unknown region.' },
          ],
        }),
      ),
    );
    const { user } = renderApp('/servers/new');
    await fillValidForm(user);
    await user.type(screen.getByRole('textbox', { name: /ssh public keys/i }), 'ssh-rsa broken');
    await user.click(screen.getByRole('button', { name: 'Create server' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The request has invalid fields.');
    expect(alert).toHaveTextContent('region: Unknown region.');
    expect(screen.getByRole('textbox', { name: /^name/i })).toHaveAccessibleDescription(
      /A server named web-7 already exists\./,
    );
    expect(screen.getByRole('textbox', { name: /^name/i })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: /ssh public keys/i })).toHaveAccessibleDescription(
      /Not a valid OpenSSH public key\./,
    );
  });

  it('sends an Idempotency-Key and puts the new server on the dashboard at once as provisioning', async () => {
    const created = makeServer({ name: 'web-7', status: 'provisioning', ip_address: null, status_detail: 'queued' });
    const keys: (string | null)[] = [];
    let body: unknown;
    let listCalls = 0;
    server.use(
      http.post(`${API}/servers`, async ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        body = await request.json();
        return HttpResponse.json(created, { status: 202, headers: { Location: `/api/servers/${created.id}` } });
      }),
      // The list request never answers here: what shows comes from the query cache.
      http.get(`${API}/servers`, async () => {
        listCalls += 1;
        await delay('infinite');
        return HttpResponse.json({ items: [], next_cursor: null });
      }),
    );
    const { user } = renderApp('/servers/new');
    await fillValidForm(user);
    await user.type(screen.getByRole('textbox', { name: /ssh public keys/i }), 'ssh-ed25519 AAAA a@b{Enter}{Enter}ssh-ed25519 BBBB c@d');
    await user.click(screen.getByRole('button', { name: 'Create server' }));

    const table = await screen.findByRole('table', { name: 'Servers' });
    const row = within(table).getByRole('row', { name: /web-7/ });
    expect(within(row).getByText('Provisioning')).toBeInTheDocument();
    expect(within(row).getByText('queued')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent(/web-7 is being created/);
    expect(listCalls).toBeLessThanOrEqual(1);

    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body).toEqual({
      name: 'web-7',
      image_id: 'img-ubuntu',
      plan_id: 'plan-s',
      ssh_keys: ['ssh-ed25519 AAAA a@b', 'ssh-ed25519 BBBB c@d'],
    });
  });

  it('reuses the key when the same body is retried after a server error, and not after a change', async () => {
    const keys: string[] = [];
    server.use(
      http.post(`${API}/servers`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key') ?? '');
        return problem(503, 'Try again shortly.');
      }),
    );
    const { user } = renderApp('/servers/new');
    await fillValidForm(user);
    const submit = screen.getByRole('button', { name: 'Create server' });
    await user.click(submit);
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again shortly.');
    await user.click(submit);
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[1]).toBe(keys[0]);

    await user.type(screen.getByRole('textbox', { name: /^name/i }), 'x');
    await user.click(submit);
    await waitFor(() => expect(keys).toHaveLength(3));
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('sends custom resources instead of a plan', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${API}/servers`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(makeServer({ name: 'big-1', status: 'provisioning' }), { status: 202 });
      }),
    );
    const { user } = renderApp('/servers/new');
    await user.type(await screen.findByRole('textbox', { name: /^name/i }), 'big-1');
    await choose(user, /^image/i, /Debian 12/);
    await user.click(screen.getByRole('radio', { name: 'Custom resources' }));
    const cpu = screen.getByRole('textbox', { name: 'CPU cores' });
    await user.clear(cpu);
    await user.type(cpu, '4');
    const memory = screen.getByRole('textbox', { name: 'Memory (MB)' });
    await user.clear(memory);
    await user.type(memory, '8192');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    await screen.findByRole('table', { name: 'Servers' });
    expect(body).toEqual({ name: 'big-1', image_id: 'img-debian', cpu_cores: 4, memory_mb: 8192, disk_gb: 20 });
  });
});
