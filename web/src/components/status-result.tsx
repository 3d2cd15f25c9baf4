import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../lib/i18n.ts';

function HomeButton() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function ForbiddenResult() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('common.forbidden')} extra={<HomeButton />} />;
}

export function NotFoundResult() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<HomeButton />} />;
}

export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={message}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
