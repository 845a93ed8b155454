import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { authStore } from '@/lib/auth';

export interface LoginResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export interface Credentials {
  email: string;
  password: string;
}

export function login(credentials: Credentials) {
  return api.request<LoginResponse>('/login', { method: 'POST', body: credentials, anonymous: true });
}

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (response, credentials) =>
      authStore.login(response.access_token, response.expires_in, credentials.email),
  });
}
