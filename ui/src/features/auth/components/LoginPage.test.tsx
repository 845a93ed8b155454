import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { authStore } from '@/lib/auth';
import { makeServer } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { API, problem, server } from '@/test/server';

describe('LoginPage', () => {
  it('validates the email format and requires a password before calling the API', async () => {
    let calls = 0;
    server.use(http.post(`${API}/login`, () => {
      calls += 1;
      return HttpResponse.json({});
    }));
    const { user } = renderApp('/login');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText(/email/i)).toHaveAccessibleDescription(/enter your email address/i);
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription(/enter your password/i);
    expect(screen.getByLabelText(/email/i)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/email/i)).toHaveFocus();

    await user.type(screen.getByLabelText(/email/i), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText(/enter a valid email address/i)).toBeInTheDocument();
    expect(calls).toBe(0);
  });

  it('says so clearly when the credentials are wrong (401)', async () => {
    server.use(http.post(`${API}/login`, () => problem(401, 'Invalid credentials')));
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText(/email/i), 'ada@example.com');
    await user.type(screen.getByLabelText(/^password/i), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(authStore.getSession()).toBeNull();
  });

  it('shows the Retry-After wait when rate-limited (429) and blocks the button meanwhile', async () => {
    server.use(
      http.post(`${API}/login`, () => problem(429, 'Too many attempts', {}, { 'Retry-After': '90' })),
    );
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText(/email/i), 'ada@example.com');
    await user.type(screen.getByLabelText(/^password/i), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/try again in 1 min 30 s/i);
    expect(screen.getByRole('button', { name: /^sign in \(wait 1 min (30|29) s\)$/i })).toBeDisabled();
  });

  it('after a successful login, goes back to the route that was asked for', async () => {
    const target = makeServer({ name: 'db-1' });
    let body: unknown;
    server.use(
      http.post(`${API}/login`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ access_token: 'jwt-abc', token_type: 'Bearer', expires_in: 3600 });
      }),
      http.get(`${API}/servers/:id`, ({ request, params }) =>
        request.headers.get('Authorization') === 'Bearer jwt-abc' && params.id === target.id
          ? HttpResponse.json(target)
          : problem(401, 'No token'),
      ),
    );
    const { user } = renderApp(`/servers/${target.id}`);

    // The guard sent us to the login page, remembering where we were going.
    expect(await screen.findByRole('heading', { name: 'Sign in to Berth' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/login?next=${encodeURIComponent(`/servers/${target.id}`)}`);

    await user.type(screen.getByLabelText(/email/i), ' ada@example.com ');
    await user.type(screen.getByLabelText(/^password/i), 'secret');
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { name: 'db-1' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/servers/${target.id}`);
    expect(body).toEqual({ email: 'ada@example.com', password: 'secret' });
    expect(authStore.getToken()).toBe('jwt-abc');
    // The reload copy holds the token and its expiry.
    const stored = JSON.parse(window.sessionStorage.getItem('berth.session') ?? '{}');
    expect(stored.token).toBe('jwt-abc');
    expect(stored.expiresAt).toBeGreaterThan(Date.now());
  });

  it('ignores a next parameter that points to another site', async () => {
    server.use(
      http.post(`${API}/login`, () => HttpResponse.json({ access_token: 't', token_type: 'Bearer', expires_in: 60 })),
    );
    const { user } = renderApp('/login?next=//evil.example/x');
    await user.type(await screen.findByLabelText(/email/i), 'ada@example.com');
    await user.type(screen.getByLabelText(/^password/i), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
  });
});
