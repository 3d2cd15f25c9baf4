import type {
  DeliveryList,
  DeliveryStatus,
  Notification,
  NotificationList,
  ReadAllResult,
  Robot,
  RobotCreate,
  RobotTestResult,
  RobotUpdate,
} from '../../../domain/notifications/contracts.ts';
import { http, type Items } from './client.ts';

/** The bell: my notices. */
export const notificationsApi = {
  list: (q: { page?: number; pageSize?: number; order?: 'unread_first' | 'newest'; unread?: boolean } = {}) =>
    http.get<NotificationList>('/api/notifications', q),
  read: (id: string) => http.post<{ notification: Notification; unreadCount: number }>(`/api/notifications/${id}/read`),
  readAll: () => http.post<ReadAllResult>('/api/notifications/read-all'),
};

/** 群机器人: a unit's DingTalk / WeCom group robots and their delivery log. */
export const robotsApi = {
  list: (q: { unitId?: string } = {}) => http.get<Items<Robot>>('/api/robots', q),
  get: (id: string) => http.get<Robot>(`/api/robots/${id}`),
  create: (body: RobotCreate) => http.post<Robot>('/api/robots', body),
  update: (id: string, body: RobotUpdate) => http.put<Robot>(`/api/robots/${id}`, body),
  remove: (id: string) => http.del<void>(`/api/robots/${id}`),
  test: (id: string) => http.post<RobotTestResult>(`/api/robots/${id}/test`),
  deliveries: (id: string, q: { page: number; pageSize: number; status?: DeliveryStatus }) =>
    http.get<DeliveryList>(`/api/robots/${id}/deliveries`, q),
};
