import type { ChangePasswordRequest, LoginRequest, Me } from '../../../domain/auth/contracts.ts';
import { http } from './client.ts';

export const authApi = {
  login: (body: LoginRequest) => http.post<Me>('/api/auth/login', body),
  logout: () => http.post<{ ok: true }>('/api/auth/logout'),
  me: () => http.get<Me>('/api/auth/me'),
  changePassword: (body: ChangePasswordRequest) => http.post<Me>('/api/auth/change-password', body),
};
