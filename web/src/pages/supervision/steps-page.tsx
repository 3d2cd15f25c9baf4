import { CheckCircleOutlined, DownloadOutlined, MessageOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CITY_WIDE_ROLES, hasRole } from '../../../../domain/auth/roles.ts';
import type { StepStatus } from '../../../../domain/supervision/ladder.ts';
import { StepListQuery } from '../../../../domain/supervision/ladder-contracts.ts';
import type { LadderStep as StepName, SupervisableType } from '../../../../domain/supervision/model.ts';
import { type LadderStep, supervisionApi } from '../../api/supervision.ts';
import { useMe } from '../../app/session.tsx';
import { CardList } from '../../components/card-list.tsx';
import { DetailDrawer } from '../../components/drawers.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { formatDate, formatMinute, today } from '../../lib/format.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { type IssuePreset, LadderIssueDrawer } from './ladder-issue-drawer.tsx';
import { StepStatusTag, StepTag, useLadderLabels } from './ladder-labels.tsx';
import { RespondModal, StepBody, useCloseStep, useOrderDocx } from './object-ladder.tsx';

type SearchValues = {
  q?: string;
  step?: StepName;
  status?: StepStatus;
  year?: number;
  unitId?: string;
  objectType?: SupervisableType;
};

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

function DueOn({ s }: { s: LadderStep }) {
  const t = useT();
  if (!s.dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap', ...tabular }}>
      <Typography.Text type={s.overdue ? 'danger' : undefined}>{s.dueOn}</Typography.Text>
      {s.overdue && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {t('sup.overdue')}
        </Typography.Text>
      )}
    </span>
  );
}

function columnsOf(
  t: T,
  labels: ReturnType<typeof useLadderLabels>,
  open: (s: LadderStep) => void,
  act: { respond: (s: LadderStep) => void; docx: (s: LadderStep) => void },
): TableColumnsType<LadderStep> {
  return [
    {
      title: t('sup.field.number'),
      key: 'number',
      width: 150,
      render: (_v, s) => (
        <Space direction="vertical" size={2}>
          <StepTag step={s.step} polarity={s.polarity} />
          <Typography.Text style={{ ...tabular, fontSize: 13 }}>{s.number ?? '—'}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('sup.field.object'),
      key: 'object',
      render: (_v, s) => (
        <div style={{ minWidth: 0, lineHeight: 1.4 }}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }} title={s.objectLabel}>
            {s.objectLabel}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.objectType(s.objectType)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('sup.field.unit'), dataIndex: 'unitName', width: 150 },
    {
      title: t('sup.field.reason'),
      dataIndex: 'reason',
      width: 220,
      render: (r: string, s) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }} title={r}>
          {s.skipReason && <Typography.Text type="warning">[{t('sup.field.skipReason')}] </Typography.Text>}
          {r}
        </Typography.Paragraph>
      ),
    },
    { title: t('sup.field.dueOn'), key: 'dueOn', width: 110, render: (_v, s) => <DueOn s={s} /> },
    {
      title: t('sup.field.status'),
      dataIndex: 'status',
      width: 86,
      render: (st: StepStatus) => <StepStatusTag status={st} />,
    },
    {
      title: t('sup.field.issuedAt'),
      key: 'issued',
      width: 130,
      render: (_v, s) => (
        <div style={{ lineHeight: 1.4 }}>
          <div style={tabular}>{formatDate(s.issuedAt)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.origin === 'manual' ? s.issuedByName : t('sup.ladder.auto')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_v, s) => (
        <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" onClick={() => open(s)} style={{ padding: 0 }}>
            {t('common.detail')}
          </Button>
          {s.can.respond && (
            <Button type="link" size="small" onClick={() => act.respond(s)} style={{ padding: 0 }}>
              {t('sup.respond.button')}
            </Button>
          )}
          {s.can.orderDocx && (
            <Button type="link" size="small" onClick={() => act.docx(s)} style={{ padding: 0 }}>
              {t('sup.orderDocx')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
}

/** One step on a phone: what, to whom, by when; the card opens it. */
function StepCard({ s, onOpen }: { s: LadderStep; onOpen: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid="step-card"
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        font: 'inherit',
        cursor: 'pointer',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${s.overdue ? '#cf1322' : '#f0f0f0'}`,
        borderRadius: 8,
        padding: 12,
      }}
    >
      <Space wrap size={[6, 4]}>
        <StepTag step={s.step} polarity={s.polarity} />
        {s.number && <Typography.Text strong>{s.number}</Typography.Text>}
        <StepStatusTag status={s.status} />
      </Space>
      <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ margin: '6px 0 2px' }}>
        {s.objectLabel}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {s.unitName} · {s.dueOn ? t('sup.inbox.due', { date: s.dueOn }) : t('sup.inbox.noDue')}
        {s.overdue && <Typography.Text type="danger"> · {t('sup.overdue')}</Typography.Text>}
      </Typography.Text>
    </button>
  );
}

/** The detail of one step (opened from the list, or from a notification: /supervision/steps?id=…). */
function StepDrawer({
  id,
  onClose,
  onRespond,
}: {
  id: string | null;
  onClose: () => void;
  onRespond: (s: LadderStep) => void;
}) {
  const t = useT();
  const labels = useLadderLabels();
  const q = useQuery({ queryKey: ['sup-steps', 'one', id], queryFn: () => supervisionApi.step(id!), enabled: !!id });
  const close = useCloseStep();
  const docx = useOrderDocx();
  const s = q.data;
  const phone = Grid.useBreakpoint().md === false;
  const actions = s && (
    <Space wrap>
      {s.can.respond && (
        <Button type="primary" icon={<MessageOutlined />} onClick={() => onRespond(s)}>
          {s.response ? t('sup.respond.amend') : t('sup.respond.button')}
        </Button>
      )}
      {s.can.orderDocx && (
        <Button icon={<DownloadOutlined />} loading={docx.isPending} onClick={() => docx.mutate(s)}>
          {t('sup.orderDocx')}
        </Button>
      )}
      {s.can.close && (
        <Popconfirm title={t('sup.close.confirm')} onConfirm={() => close.mutate(s)}>
          <Button icon={<CheckCircleOutlined />}>{t('sup.close.button')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
  return (
    <DetailDrawer
      title={s ? (s.number ?? labels.step(s.step)) : t('sup.steps.detail')}
      open={!!id}
      onClose={onClose}
      extra={phone ? undefined : actions}
    >
      {q.isLoading && <Skeleton active />}
      {q.isError && <Alert type="error" showIcon title={q.error.message} />}
      {s && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          {phone && actions}
          <Descriptions
            column={1}
            size="small"
            bordered
            layout={phone ? 'vertical' : 'horizontal'}
            styles={{ label: { width: phone ? undefined : 96, whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label={t('sup.field.step')}>
              <Space>
                <StepTag step={s.step} polarity={s.polarity} />
                <StepStatusTag status={s.status} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.field.object')}>
              <Space direction="vertical" size={0}>
                <span>{s.objectLabel}</span>
                <Link to={s.objectLink}>
                  {labels.objectType(s.objectType)} · {t('sup.steps.openObject')}
                </Link>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.field.unit')}>{s.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.issuedBy')}>
              {s.origin === 'manual' ? s.issuedByName : t('sup.ladder.auto')} · {formatMinute(s.issuedAt)}
            </Descriptions.Item>
          </Descriptions>
          <StepBody s={s} />
        </div>
      )}
    </DetailDrawer>
  );
}

/** 督办台账: every step in reach (a unit: those addressed to it), filters, the detail, issuing, answering. */
export function StepsPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const labels = useLadderLabels();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useUrlFilter(StepListQuery);
  const openId = params.get('id');
  const [issuing, setIssuing] = useState<IssuePreset | null>(null);
  const [responding, setResponding] = useState<LadderStep | null>(null);
  const docx = useOrderDocx();
  const cityWide = hasRole(me.roles, 'admin', ...CITY_WIDE_ROLES);

  const q = useQuery({
    queryKey: ['sup-steps', 'list', filter],
    queryFn: ({ signal }) => supervisionApi.steps(filter, signal),
    placeholderData: keepPreviousData,
  });
  const list = q.data;
  const filtering = Boolean(
    filter.q || filter.step || filter.status || filter.year || filter.unitId || filter.objectType,
  );
  const emptyText =
    q.error || filtering ? tableEmptyText(t, q.error, true) : t(cityWide ? 'sup.steps.empty' : 'sup.steps.emptyUnit');

  const open = (s: LadderStep) => {
    const next = new URLSearchParams(params);
    next.set('id', s.id);
    setParams(next);
  };
  const closeDrawer = () => {
    const next = new URLSearchParams(params);
    next.delete('id');
    setParams(next);
  };
  const thisYear = Number(today().slice(0, 4));
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }));
  const searchValues: SearchValues = {
    q: filter.q,
    step: filter.step,
    status: filter.status,
    year: filter.year,
    unitId: filter.unitId,
    objectType: filter.objectType,
  };
  const keep = { pageSize: filter.pageSize, objectId: filter.objectId };

  return (
    <Page title={t('sup.steps.title')}>
      <Panel>
        <SearchForm<SearchValues>
          values={searchValues}
          onSearch={(v) => setFilter({ ...compact(v), ...keep })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('sup.steps.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="step" label={t('sup.field.step')}>
            <Select allowClear placeholder={t('common.all')} options={labels.stepOptions} />
          </Form.Item>
          <Form.Item name="status" label={t('sup.field.status')}>
            <Select allowClear placeholder={t('common.all')} options={labels.statusOptions} />
          </Form.Item>
          <Form.Item name="year" label={t('sup.field.year')}>
            <Select allowClear placeholder={t('common.all')} options={years} />
          </Form.Item>
          {cityWide && (
            <Form.Item name="unitId" label={t('sup.field.unit')}>
              <EntitySelect kind="unit" />
            </Form.Item>
          )}
          <Form.Item name="objectType" label={t('sup.field.objectType')}>
            <Select allowClear placeholder={t('common.all')} options={labels.objectTypeOptions} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              {list?.can.issue && (
                <Button type="primary" icon={<SendOutlined />} onClick={() => setIssuing({})} data-testid="steps-issue">
                  {t('sup.issue.button')}
                </Button>
              )}
              {list && (
                <Typography.Text type="secondary" data-testid="steps-total">
                  {t('sup.steps.count', { total: list.total })}
                </Typography.Text>
              )}
            </>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['sup-steps'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(s) => <StepCard key={s.id} s={s} onOpen={() => open(s)} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
          />
        ) : (
          <Table<LadderStep>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, labels, open, { respond: setResponding, docx: (s) => docx.mutate(s) })}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 1200 }}
            onRow={(s) => ({
              onClick: () => open(s),
              style: { cursor: 'pointer' },
              ...(s.id === openId ? { className: 'ant-table-row-selected' } : {}),
            })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
      <StepDrawer id={openId} onClose={closeDrawer} onRespond={setResponding} />
      <LadderIssueDrawer
        open={issuing !== null}
        preset={issuing ?? {}}
        onClose={() => setIssuing(null)}
        onIssued={(s) => open(s)}
      />
      <RespondModal step={responding} onClose={() => setResponding(null)} />
    </Page>
  );
}
