import type { App } from 'antd';
import { isApiError, isSessionError } from '../api/client.ts';

type AppApi = ReturnType<typeof App.useApp>;
type MessageInstance = AppApi['message'];
type NotificationInstance = AppApi['notification'];

/**
 * antd's message/notification bound to the app's context (theme, locale), reachable from code that is not a
 * component (the query cache's error handler). Set once by <FeedbackBridge/> inside antd's <App>.
 */
let messageApi: MessageInstance | null = null;
let notificationApi: NotificationInstance | null = null;

export function bindFeedback(m: MessageInstance, n: NotificationInstance) {
  messageApi = m;
  notificationApi = n;
}

export const toast = {
  success: (text: string) => messageApi?.success(text),
  info: (text: string) => messageApi?.info(text),
  warning: (text: string) => messageApi?.warning(text),
  error: (text: string) => messageApi?.error(text),
};

/** Shows what went wrong in the server's words; never a stack. Session problems are handled by the app shell. */
export function showError(err: unknown, fallback = '操作失败') {
  if (isSessionError(err)) return;
  const text = isApiError(err) ? err.message : fallback;
  if (isApiError(err) && err.status >= 500) {
    notificationApi?.error({ title: text, placement: 'topRight' });
    return;
  }
  messageApi?.error(text);
}
