import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { AppProviders } from '@/app/providers';
import { AppRoutes } from '@/app/routes';
import { authStore } from '@/lib/auth';
import { createQueryClient } from '@/lib/query-client';

/** Shows the current location so tests can assert where navigation went. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location" hidden>{location.pathname + location.search}</div>;
}

export function signIn(email = 'ada@example.com') {
  authStore.login('test-token', 3600, email);
}

/** The whole app (routes, guard, layout) at `path`, with a fresh query cache. */
export function renderApp(path = '/', options: { user?: Parameters<typeof userEvent.setup>[0] } = {}) {
  const queryClient = createQueryClient();
  const user = userEvent.setup({ delay: null, ...options.user });
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <Routes>
          <Route path="*" element={<LocationProbe />} />
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, user, queryClient };
}

/** A single component with the providers around it. */
export function renderWithProviders(ui: ReactElement, path = '/') {
  const queryClient = createQueryClient();
  const user = userEvent.setup({ delay: null });
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
  return { ...result, user, queryClient };
}
