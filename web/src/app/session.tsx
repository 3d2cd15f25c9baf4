import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Me } from '../../../domain/auth/contracts.ts';
import { authApi } from '../api/auth.ts';
import { isApiError, onAuthEvent } from '../api/client.ts';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await authApi.me();
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

/** The signed-in user, or null; undefined while loading. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: 1, meta: { silent: true } });
}

const MeContext = createContext<Me | null>(null);

/** The signed-in user, for pages under <RequireAuth>. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside <RequireAuth>');
  return me;
}

// ── the sign-in page's notice (登录超时,请重新登录) survives the redirect in sessionStorage ──────────────────────
const NOTICE_KEY = 'luoshi.signInNotice';
export function setSignInNotice(text: string | null) {
  try {
    if (text) sessionStorage.setItem(NOTICE_KEY, text);
    else sessionStorage.removeItem(NOTICE_KEY);
  } catch {
    // storage unavailable: the notice is lost, the redirect still happens
  }
}
export function takeSignInNotice(): string | null {
  try {
    const v = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    return v;
  } catch {
    return null;
  }
}

/**
 * Reacts to what any API call learns about the session: a 401 signs the user out (with the server's message when
 * the session ran out), a 403 PASSWORD_CHANGE_REQUIRED sends the user to the change-password page.
 */
export function SessionWatcher() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onAuthEvent((e) => {
        if (e.kind === 'signed-out') {
          const wasSignedIn = Boolean(qc.getQueryData<Me | null>(ME_KEY));
          if (e.code === 'SESSION_EXPIRED' || wasSignedIn) setSignInNotice(e.message);
          qc.setQueryData(ME_KEY, null);
          qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        } else {
          qc.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, mustChangePassword: true } : me));
          void qc.invalidateQueries({ queryKey: ME_KEY });
        }
      }),
    [qc],
  );
  return null;
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export const safeRedirect = (target: string | null): string =>
  target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';

/**
 * Only a signed-in user passes; while the password must be changed, only the change-password page is reachable.
 */
export function RequireAuth({ children, passwordPage = false }: { children: ReactNode; passwordPage?: boolean }) {
  const q = useMeQuery();
  const location = useLocation();
  if (q.data === undefined) {
    if (q.isError) {
      // the server cannot be reached: show the sign-in page, which says so when the user tries
      return <Navigate to="/login" replace />;
    }
    return <FullPageSpin />;
  }
  const me = q.data;
  if (!me) {
    const here = `${location.pathname}${location.search}`;
    const to = here === '/' ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  if (me.mustChangePassword && !passwordPage) return <Navigate to="/change-password" replace />;
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}
