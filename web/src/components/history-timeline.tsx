import { ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Divider, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { AuditRecord } from '../../../domain/audit/contracts.ts';
import type { Items } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';
import { useT } from '../lib/i18n.ts';
import { useAuditLabels } from '../lib/labels.ts';
import { ChangeTable, diffSnapshots } from './change-table.tsx';

/** An object's history (its /history endpoint) as a timeline: time, actor, action, changed fields before → after. */
export function HistoryTimeline({
  entity,
  id,
  load,
}: {
  entity: string;
  id: string;
  load: (id: string) => Promise<Items<AuditRecord>>;
}) {
  const t = useT();
  const labels = useAuditLabels();
  const q = useQuery({ queryKey: ['history', entity, id], queryFn: () => load(id) });

  if (q.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const records = [...(q.data?.items ?? [])].sort((a, b) => b.id - a.id);
  if (records.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;

  return (
    <Timeline
      items={records.map((r) => {
        const created = r.before === null || r.before === undefined;
        const deleted = r.after === null || r.after === undefined;
        const changes = diffSnapshots(r.before, r.after);
        return {
          key: r.id,
          icon: <ClockCircleOutlined />,
          content: (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              <Space wrap size={[8, 4]}>
                <Typography.Text strong>{labels.action(r.action)}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(r.at)}</Typography.Text>
                <Tag>{t('history.by', { actor: r.actorName || t('audit.system') })}</Tag>
              </Space>
              {r.reason && (
                <Typography.Text type="secondary">
                  {t('audit.reason')}:{r.reason}
                </Typography.Text>
              )}
              {(created || deleted) && changes.length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {created ? t('history.created') : t('history.deleted')}
                </Typography.Text>
              )}
              {changes.length > 0 ? (
                <ChangeTable changes={changes} />
              ) : (
                !created &&
                !deleted && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('audit.noChanges')}
                  </Typography.Text>
                )
              )}
            </div>
          ),
        };
      })}
    />
  );
}

/** The end of an object's detail: a divider titled 变更历史, then the timeline. */
export function HistorySection(props: {
  entity: string;
  id: string;
  load: (id: string) => Promise<Items<AuditRecord>>;
}) {
  const t = useT();
  return (
    <>
      <Divider titlePlacement="start">{t('history.title')}</Divider>
      <HistoryTimeline {...props} />
    </>
  );
}
