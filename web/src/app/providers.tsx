import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ConfigProviderProps, theme } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../api/client.ts';
import { bindFeedback, showError } from '../lib/feedback.ts';
import { useLang } from '../lib/i18n.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

/** antd's locale files are CommonJS: the bundler hands over `default`, the type checker sees the module object. */
const interop = (m: unknown): AntLocale =>
  (typeof m === 'object' && m !== null && 'default' in m ? (m as { default: AntLocale }).default : m) as AntLocale;
const zhCN = interop(zhCNModule);
const enUS = interop(enUSModule);

function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({
      // a failed load says why, in the server's words; queries marked silent handle their errors themselves
      onError: (err, query) => {
        if (query.meta?.silent) return;
        showError(err);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers do not get better by asking again
        retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** Hands antd's context-bound message/notification to code outside components (see lib/feedback.ts). */
function FeedbackBridge() {
  const { message, notification } = AntApp.useApp();
  bindFeedback(message, notification);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [lang] = useLang();
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCN : enUS}
      // "登录", not "登 录": button names stay the words users (and tests) look for
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1d5fd6',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#001529', headerBg: '#ffffff' },
          Menu: { darkItemBg: '#001529', darkSubMenuItemBg: '#000c17' },
        },
      }}
    >
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
