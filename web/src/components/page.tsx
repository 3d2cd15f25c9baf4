import { Card, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useT } from '../lib/i18n.ts';

/** A page of the back office: its title (also the document title), actions on the right, then the content. */
export function Page({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} - ${t('app.fullName')}`;
  }, [title, t]);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', minHeight: 32 }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {children}
    </div>
  );
}

/** The white panel that holds a search form or a table. */
export function Panel({ children, padding = 16 }: { children: ReactNode; padding?: number }) {
  return (
    <Card variant="borderless" styles={{ body: { padding } }}>
      {children}
    </Card>
  );
}
