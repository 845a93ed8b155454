import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { authStore } from '@/lib/auth';
import { makeServer } from '@/test/fixtures';
import { renderApp, signIn } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { POLL_INTERVAL_MS, type Server } from '../api/types';

describe('ServersPage', () => {
  beforeEach(() => signIn());

  it('lists the servers with image, sizes, IP address and status', async () => {
    const servers = [
      makeServer({ name: 'web-1', ip_address: '10.10.0.12', memory_mb: 2048, cpu_cores: 2, disk_gb: 20 }),
      makeServer({ name: 'db-1', status: 'stopped', image: { id: 'd', name: 'Debian 12' }, ip_address: '10.10.0.13' }),
    ];
    server.use(http.get(`${API}/servers`, () => HttpResponse.json({ items: servers, next_cursor: null })));
    renderApp('/');

    const table = await screen.findByRole('table', { name: 'Servers' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2
    const web = within(rows[1]);
    expect(web.getByRole('link', { name: 'web-1' })).toHaveAttribute('href', `/servers/${servers[0].id}`);
    expect(web.getByText('Ubuntu 24.04')).toBeInTheDocument();
    expect(web.getByText('2 vCPU')).toBeInTheDocument();
    expect(web.getByText('2 GB')).toBeInTheDocument();
    expect(web.getByText('20 GB')).toBeInTheDocument();
    expect(web.getByText('10.10.0.12')).toBeInTheDocument();
    expect(web.getByText('Running')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Stopped')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Debian 12')).toBeInTheDocument();
  });

  it('opens a server from the list without reloading the page', async () => {
    const target = makeServer({ name: 'app-3' });
    server.use(
      http.get(`${API}/servers`, () => HttpResponse.json({ items: [target], next_cursor: null })),
      http.get(`${API}/servers/${target.id}`, () => HttpResponse.json(target)),
    );
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'app-3' }));
    expect(await screen.findByRole('heading', { name: 'app-3' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/servers/${target.id}`);
  });

  it('shows an empty state that leads to the create form', async () => {
    const { user } = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No servers yet' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Create your first server' }));
    expect(await screen.findByRole('heading', { name: 'Create server' })).toBeInTheDocument();
  });

  it('follows next_cursor with "Load more"', async () => {
    const first = makeServer({ name: 'page1-a' });
    const second = makeServer({ name: 'page2-a' });
    server.use(
      http.get(`${API}/servers`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(
          cursor === 'c2' ? { items: [second], next_cursor: null } : { items: [first], next_cursor: 'c2' },
        );
      }),
    );
    const { user } = renderApp('/');
    expect(await screen.findByRole('link', { name: 'page1-a' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'page2-a' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('refreshes on demand', async () => {
    let items: Server[] = [];
    server.use(http.get(`${API}/servers`, () => HttpResponse.json({ items, next_cursor: null })));
    const { user } = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No servers yet' })).toBeInTheDocument();
    items = [makeServer({ name: 'late-1' })];
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('link', { name: 'late-1' })).toBeInTheDocument();
  });

  it('polls a provisioning server until it is running, then stops polling', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const base = makeServer({ name: 'new-1', status: 'provisioning', ip_address: null });
      const steps: Server[] = [
        { ...base, status_detail: 'cloning template (step 2/6)' },
        { ...base, status_detail: 'starting VM (step 5/6)' },
        { ...base, status: 'running', status_detail: null, ip_address: '10.10.0.42' },
      ];
      let calls = 0;
      server.use(
        http.get(`${API}/servers`, () => {
          const current = steps[Math.min(calls, steps.length - 1)];
          calls += 1;
          return HttpResponse.json({ items: [current], next_cursor: null });
        }),
      );
      renderApp('/');

      expect(await screen.findByText('cloning template (step 2/6)')).toBeInTheDocument();
      expect(screen.getByText('Provisioning')).toBeInTheDocument();
      expect(calls).toBe(1);

      await act(() => vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS));
      expect(await screen.findByText('starting VM (step 5/6)')).toBeInTheDocument();
      expect(calls).toBe(2);

      await act(() => vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS));
      expect(await screen.findByText('Running')).toBeInTheDocument();
      expect(screen.getByText('10.10.0.42')).toBeInTheDocument();
      expect(screen.queryByText(/step/)).not.toBeInTheDocument();
      expect(calls).toBe(3);

      // Everything settled: no more requests.
      await act(() => vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5));
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not retry a 4xx and shows the problem detail', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/servers`, () => {
        calls += 1;
        return problem(403, 'Your account is disabled.');
      }),
    );
    renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('Your account is disabled.');
    expect(calls).toBe(1);
  });

  it('a 401 from the API ends the session and shows the login page', async () => {
    server.use(http.get(`${API}/servers`, () => problem(401, 'Token expired', {}, { 'WWW-Authenticate': 'Bearer' })));
    renderApp('/servers');
    expect(await screen.findByRole('heading', { name: 'Sign in to Berth' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/session has ended/i);
    expect(screen.getByTestId('location')).toHaveTextContent('/login?next=%2Fservers');
    expect(authStore.getSession()).toBeNull();
    expect(window.sessionStorage.getItem('berth.session')).toBeNull();
  });

  it('logs out from the header', async () => {
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to Berth' })).toBeInTheDocument();
    expect(authStore.getSession()).toBeNull();
    expect(window.sessionStorage.getItem('berth.session')).toBeNull();
  });
});
