import { http } from './client.ts';

export type Health = { status: string; database: 'pglite' | 'postgres'; version: string };

export const systemApi = {
  health: () => http.get<Health>('/api/health'),
};
