import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { makeServer } from '@/test/fixtures';
import { renderApp, signIn } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { POLL_INTERVAL_MS, SERVER_STATUSES, type Server, type ServerStatus } from '../api/types';

const BUTTONS = ['Start', 'Shut down', 'Stop', 'Reboot', 'Terminate'] as const;

const EXPECTED_ENABLED: Record<ServerStatus, (typeof BUTTONS)[number][]> = {
  running: ['Shut down', 'Stop', 'Reboot', 'Terminate'],
  stopped: ['Start', 'Terminate'],
  failed: ['Terminate'],
  suspended: ['Terminate'],
  provisioning: [],
  starting: [],
  stopping: [],
  rebooting: [],
  terminating: [],
  terminated: [],
};

function serve(target: Server) {
  server.use(http.get(`${API}/servers/${target.id}`, () => HttpResponse.json(target)));
}

describe('ServerDetailPage', () => {
  beforeEach(() => signIn());

  it.each(SERVER_STATUSES)('enables only the actions that make sense when %s', async (status) => {
    const target = makeServer({ status, status_detail: status === 'provisioning' ? 'step 1/6' : null });
    serve(target);
    renderApp(`/servers/${target.id}`);
    const group = await screen.findByRole('group', { name: 'Server actions' });
    for (const name of BUTTONS) {
      const button = within(group).getByRole('button', { name });
      if (EXPECTED_ENABLED[status].includes(name)) expect(button, name).toBeEnabled();
      else expect(button, name).toBeDisabled();
    }
    // The WireGuard config only makes sense for a running server.
    const wg = screen.queryByRole('button', { name: 'Download WireGuard config' });
    if (status === 'running') expect(wg).toBeInTheDocument();
    else expect(wg).not.toBeInTheDocument();
  });

  it('asks for confirmation before terminating, and does nothing on Cancel', async () => {
    const target = makeServer({ name: 'web-9', status: 'running' });
    serve(target);
    let deletes = 0;
    server.use(
      http.delete(`${API}/servers/${target.id}`, () => {
        deletes += 1;
        return HttpResponse.json({ ...target, status: 'terminating', status_detail: 'removing VM (step 1/4)' }, { status: 202 });
      }),
    );
    const { user } = renderApp(`/servers/${target.id}`);

    await user.click(await screen.findByRole('button', { name: 'Terminate' }));
    let dialog = await screen.findByRole('dialog', { name: 'Terminate server?' });
    expect(dialog).toHaveTextContent(/web-9/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deletes).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Terminate' }));
    dialog = await screen.findByRole('dialog', { name: 'Terminate server?' });
    await user.click(within(dialog).getByRole('button', { name: 'Terminate server' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deletes).toBe(1);
    // The answer goes straight on screen: terminating, with its step, every action disabled.
    expect(await screen.findByText('Terminating')).toBeInTheDocument();
    expect(screen.getByText('removing VM (step 1/4)')).toBeInTheDocument();
    for (const name of BUTTONS) expect(screen.getByRole('button', { name })).toBeDisabled();
  });

  it('asks for confirmation before a hard stop, but not before a reboot', async () => {
    const target = makeServer({ status: 'running' });
    serve(target);
    const actions: string[] = [];
    server.use(
      http.post(`${API}/servers/${target.id}/actions`, async ({ request }) => {
        const { action } = (await request.json()) as { action: string };
        actions.push(action);
        return HttpResponse.json({ ...target, status: action === 'reboot' ? 'rebooting' : 'stopping' }, { status: 202 });
      }),
    );
    const { user } = renderApp(`/servers/${target.id}`);

    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop server?' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(actions).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Reboot' }));
    expect(await screen.findByText('Rebooting')).toBeInTheDocument();
    expect(actions).toEqual(['reboot']);
  });

  it('shows the detail of a 409 as a readable message', async () => {
    const target = makeServer({ status: 'stopped' });
    serve(target);
    server.use(
      http.post(`${API}/servers/${target.id}/actions`, () =>
        problem(409, 'The server is suspended by an administrator and cannot be started.'),
      ),
    );
    const { user } = renderApp(`/servers/${target.id}`);
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not possible right now');
    expect(alert).toHaveTextContent('The server is suspended by an administrator and cannot be started.');
  });

  it('downloads the WireGuard config with the bearer token', async () => {
    const target = makeServer({ name: 'vpn-1', status: 'running' });
    serve(target);
    let auth: string | null = null;
    server.use(
      http.get(`${API}/servers/${target.id}/wireguard.conf`, ({ request }) => {
        auth = request.headers.get('Authorization');
        return new HttpResponse('[Interface]\nPrivateKey = x\n', {
          headers: { 'Content-Type': 'text/plain', 'Content-Disposition': 'attachment; filename="vpn-1.conf"' },
        });
      }),
    );
    const createObjectURL = vi.fn(() => 'blob:wg');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const { user } = renderApp(`/servers/${target.id}`);
    await user.click(await screen.findByRole('button', { name: 'Download WireGuard config' }));
    await waitFor(() => expect(clicks).toEqual(['vpn-1.conf']));
    expect(auth).toBe('Bearer test-token');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('polls while rebooting and settles on running', async () => {
    const target = makeServer({ status: 'rebooting', status_detail: 'waiting for guest agent' });
    let calls = 0;
    server.use(
      http.get(`${API}/servers/${target.id}`, () => {
        calls += 1;
        return HttpResponse.json(calls < 2 ? target : { ...target, status: 'running', status_detail: null });
      }),
    );
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderApp(`/servers/${target.id}`);
      expect(await screen.findByText('waiting for guest agent')).toBeInTheDocument();
      await act(() => vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS));
      expect(await screen.findByText('Running')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Reboot' })).toBeEnabled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the server does not exist (404)', async () => {
    server.use(http.get(`${API}/servers/:id`, () => problem(404, 'Not found')));
    renderApp('/servers/00000000-0000-4000-8000-999999999999');
    expect(await screen.findByRole('alert')).toHaveTextContent('Server not found');
  });
});
