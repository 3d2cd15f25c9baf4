import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { LangSwitch } from '../../components/lang-switch.tsx';
import { useT } from '../../lib/i18n.ts';

/** The full-page frame of the sign-in and change-password pages (no side menu). */
export function AuthFrame({ children, width = 400 }: { children: ReactNode; width?: number }) {
  const t = useT();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0b2a5b 0%, #123e82 55%, #1d5fd6 100%)',
      }}
    >
      <header style={{ display: 'flex', justifyContent: 'flex-end', padding: '12px 16px' }}>
        <LangSwitch />
      </header>
      <main
        style={{
          flex: 1,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          padding: '8px 12px 32px',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 20, color: '#fff' }}>
          <span
            aria-hidden
            style={{
              width: 44,
              height: 44,
              borderRadius: 8,
              background: '#c0392b',
              display: 'grid',
              placeItems: 'center',
              fontSize: 26,
              fontWeight: 700,
              boxShadow: '0 2px 8px rgba(0,0,0,0.25)',
            }}
          >
            实
          </span>
          <div>
            <Typography.Title level={2} style={{ color: '#fff', margin: 0, lineHeight: 1.1, letterSpacing: 2 }}>
              {t('app.name')}
            </Typography.Title>
            <div style={{ fontSize: 14, opacity: 0.85, letterSpacing: 1 }}>{t('app.subtitle')}</div>
          </div>
        </div>
        <div
          style={{
            width: '100%',
            maxWidth: width,
            background: '#fff',
            borderRadius: 8,
            padding: '28px 24px 20px',
            boxShadow: '0 12px 32px rgba(0, 0, 0, 0.25)',
          }}
        >
          {children}
        </div>
        <p style={{ color: 'rgba(255,255,255,0.7)', marginTop: 20, fontSize: 12, textAlign: 'center' }}>
          {t('app.slogan')}
        </p>
      </main>
    </div>
  );
}
