import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  Collapse,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Typography,
  Watermark,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { AuditQuery, type AuditRecord, type AuditVerifyResult } from '../../../../domain/audit/contracts.ts';
import { auditApi } from '../../api/audit.ts';
import { useMe } from '../../app/session.tsx';
import { ChangeTable, diffSnapshots } from '../../components/change-table.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { showError } from '../../lib/feedback.ts';
import { formatDateTime, today } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useAuditLabels } from '../../lib/labels.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';

/** The actions the platform records so far; the filter matches by prefix, so "user" finds every user action. */
const KNOWN_ACTIONS = [
  'auth',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.session_expired',
  'auth.password_changed',
  'region',
  'region.create',
  'region.update',
  'unit',
  'unit.create',
  'unit.update',
  'leader',
  'leader.create',
  'leader.update',
  'user',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.unlock',
  'handover.perform',
  'settings.update',
];
const ENTITY_TYPES = ['user', 'region', 'unit', 'leader', 'handover', 'setting'];

type SearchValues = {
  action?: string;
  entityType?: string;
  actor?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

const Json = ({ value }: { value: unknown }) => (
  <pre
    style={{
      margin: 0,
      padding: 8,
      background: '#fafafa',
      border: '1px solid #f0f0f0',
      borderRadius: 4,
      fontSize: 12,
      maxHeight: 320,
      overflow: 'auto',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-all',
    }}
  >
    {value === undefined || value === null ? '—' : JSON.stringify(value, null, 2)}
  </pre>
);

function RecordDetail({ r }: { r: AuditRecord }) {
  const t = useT();
  const changes = diffSnapshots(r.before, r.after);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, padding: '4px 0' }}>
      {r.reason && (
        <Typography.Text>
          <Typography.Text type="secondary">{t('audit.reason')}:</Typography.Text>
          {r.reason}
        </Typography.Text>
      )}
      <ChangeTable changes={changes} />
      <Collapse
        size="small"
        items={[
          {
            key: 'json',
            label: 'JSON',
            children: (
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
                  <Json value={r.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
                  <Json value={r.after} />
                </Col>
              </Row>
            ),
          },
        ]}
      />
    </div>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const t = useT();
  if (result.ok) {
    return <Alert type="success" showIcon closable title={t('audit.verifyOk', { checked: result.checked })} />;
  }
  const b = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      closable
      title={t('audit.verifyBroken', {
        id: b?.id ?? '?',
        reason: b?.reason === 'hash' ? t('audit.brokenHash') : t('audit.brokenLink'),
      })}
    />
  );
}

/** 审计日志: who did what, when, from where, with before/after; watermarked with the viewer's name and date. */
export function AuditTrailPage() {
  const t = useT();
  const me = useMe();
  const labels = useAuditLabels();
  const [filter, setFilter] = useUrlFilter(AuditQuery);
  const list = useQuery({
    queryKey: ['audit', filter],
    queryFn: () => auditApi.list(filter),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify, onError: (e) => showError(e) });
  const filtering = Boolean(
    filter.action || filter.entityType || filter.entityId || filter.actor || filter.from || filter.to,
  );

  const actionOptions = useMemo(
    () => KNOWN_ACTIONS.map((a) => ({ value: a, label: `${labels.action(a)}(${a})` })),
    [labels],
  );

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (v: string) => v || <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 190,
      render: (a: string) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{labels.action(a)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_v, r) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{labels.entity(r.entityType)}</div>
          {r.entityId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.entityId }}>
              {/^[0-9a-f-]{36}$/i.test(r.entityId) ? `${r.entityId.slice(0, 8)}…` : r.entityId}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, responsive: ['md'], render: (v: string | null) => v || '—' },
    {
      title: t('audit.reason'),
      dataIndex: 'reason',
      ellipsis: true,
      responsive: ['lg'],
      render: (v: string | null) => v || '—',
    },
    { title: t('audit.recordNo'), dataIndex: 'id', width: 90, responsive: ['xl'] },
  ];

  const range: [Dayjs | null, Dayjs | null] | null =
    filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] : null;

  return (
    <Watermark content={[me.displayName, today()]} font={{ color: 'rgba(0,0,0,0.08)', fontSize: 14 }} gap={[120, 120]}>
      <Page
        title={t('audit.title')}
        extra={
          me.can.verifyAudit && (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verify')}
            </Button>
          )
        }
      >
        {verify.data && <VerifyResult key={verify.submittedAt} result={verify.data} />}
        <Panel>
          <SearchForm<SearchValues>
            values={{
              action: filter.action,
              entityType: filter.entityType,
              actor: filter.actor,
              entityId: filter.entityId,
              range,
            }}
            onSearch={(v) => {
              const { range: r, ...rest } = v;
              setFilter({
                ...compact(rest),
                from: r?.[0]?.format('YYYY-MM-DD'),
                to: r?.[1]?.format('YYYY-MM-DD'),
                pageSize: filter.pageSize,
              });
            }}
            onReset={() => setFilter({ pageSize: filter.pageSize })}
          >
            <Form.Item name="action" label={t('audit.action')}>
              <AutoComplete
                options={actionOptions}
                placeholder={t('audit.actionPlaceholder')}
                allowClear
                showSearch={{
                  filterOption: (input, option) =>
                    String(option?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
              />
            </Form.Item>
            <Form.Item name="entityType" label={t('audit.entityType')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={ENTITY_TYPES.map((e) => ({ value: e, label: labels.entity(e) }))}
              />
            </Form.Item>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input placeholder={t('audit.actorPlaceholder')} allowClear maxLength={64} />
            </Form.Item>
            <Form.Item name="range" label={t('audit.dateRange')}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                style={{ width: '100%' }}
                placeholder={[t('audit.startDate'), t('audit.endDate')]}
              />
            </Form.Item>
            <Form.Item name="entityId" label={t('audit.entityId')}>
              <Input allowClear maxLength={64} />
            </Form.Item>
          </SearchForm>
        </Panel>
        <Panel>
          <ListToolbar onRefresh={() => void list.refetch()} refreshing={list.isFetching} />
          <Table<AuditRecord>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 760 }}
            expandable={{ expandedRowRender: (r) => <RecordDetail r={r} /> }}
            locale={{ emptyText: tableEmptyText(t, list.error, filtering) }}
            pagination={tablePagination(t, list.data?.total, filter, setFilter)}
          />
        </Panel>
      </Page>
    </Watermark>
  );
}
