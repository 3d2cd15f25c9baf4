import { BellOutlined, CheckOutlined, ExclamationCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  CLAIM_FILTERS,
  CLAIM_NOTE_MAX,
  ClaimListQuery,
  type ClaimFilter as ClaimStatusFilter,
} from '../../../../domain/tasks/plans-contracts.ts';
import { type ClaimItem, type ClaimPage, taskClaimsApi, taskPlansApi } from '../../api/task-plans.ts';
import { useMe } from '../../app/session.tsx';
import { CardList } from '../../components/card-list.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { formatDate } from '../../lib/format.ts';
import { type MessageKey, type T, useT } from '../../lib/i18n.ts';
import { type FilterValue, useUrlFilter } from '../../lib/url-filter.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { ClaimTag } from './plan-page.tsx';

const FILTER_LABELS: Record<ClaimStatusFilter, MessageKey> = {
  open: 'plans.claims.filter.open',
  pending: 'plans.claims.filter.pending',
  disputed: 'plans.claims.filter.disputed',
  claimed: 'plans.claims.filter.claimed',
  all: 'plans.claims.filter.all',
};

type Act = { kind: 'dispute' | 'reassign'; item: ClaimItem } | null;

/** 认领期限, red with the working days when it has passed. */
function DueCell({ item }: { item: ClaimItem }) {
  const t = useT();
  if (item.claimStatus === 'claimed') {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('plans.claims.claimedOn', { date: formatDate(item.claimedAt), name: item.claimedByName ?? '' })}
      </Typography.Text>
    );
  }
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div style={{ color: item.claimOverdue ? '#cf1322' : undefined }}>{formatDate(item.claimDueOn)}</div>
      {item.claimOverdue && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('plans.claims.overdueDays', { days: item.claimOverdueDays })}
        </Typography.Text>
      )}
    </div>
  );
}

function TaskCell({ item }: { item: ClaimItem }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Link to={`/tasks/t/${item.id}`} style={{ color: 'inherit' }}>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 2 }}>
          <Typography.Text strong style={{ marginInlineEnd: 6 }}>
            {item.number}
          </Typography.Text>
          {item.content}
        </Typography.Paragraph>
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.planTitle}
        {item.sectionTitle ? ` · ${item.sectionTitle}` : ''}
      </Typography.Text>
    </div>
  );
}

function Actions({
  item,
  onClaim,
  onAct,
  claiming,
}: {
  item: ClaimItem;
  onClaim: (i: ClaimItem) => void;
  onAct: (a: Act) => void;
  claiming: boolean;
}) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {item.can.claim && (
        <Popconfirm
          title={t('plans.claims.claimConfirm', { number: item.number })}
          description={item.claimStatus === 'disputed' ? t('plans.claims.claimWithdraws') : undefined}
          onConfirm={() => onClaim(item)}
          okText={t('plans.claims.claim')}
        >
          <Button type="primary" size="small" icon={<CheckOutlined />} loading={claiming}>
            {t('plans.claims.claim')}
          </Button>
        </Popconfirm>
      )}
      {item.can.dispute && (
        <Button size="small" icon={<ExclamationCircleOutlined />} onClick={() => onAct({ kind: 'dispute', item })}>
          {t('plans.claims.dispute')}
        </Button>
      )}
      {item.can.reassign && (
        <Button size="small" icon={<SwapOutlined />} onClick={() => onAct({ kind: 'reassign', item })}>
          {t('plans.claims.reassign')}
        </Button>
      )}
    </Space>
  );
}

const clamp2 = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  wordBreak: 'break-all',
} as const;

function columnsOf(t: T, actions: (i: ClaimItem) => ReactNode, oversight: boolean): TableColumnsType<ClaimItem> {
  return [
    { title: t('plans.claims.col.task'), key: 'task', render: (_v, i) => <TaskCell item={i} /> },
    ...(oversight
      ? [
          {
            title: t('plans.col.leadUnit'),
            key: 'lead',
            width: 150,
            render: (_v: unknown, i: ClaimItem) => i.leadUnit.name,
          },
        ]
      : []),
    {
      title: t('plans.col.partners'),
      key: 'partners',
      width: 150,
      render: (_v, i) => (
        <div style={{ ...clamp2, fontSize: 13 }} title={i.partnerNames.join('、')}>
          {i.partnerNames.join('、') || '—'}
        </div>
      ),
    },
    { title: t('plans.col.deadline'), dataIndex: 'deadlineText', width: 130 },
    { title: t('plans.claims.col.due'), key: 'due', width: 120, render: (_v, i) => <DueCell item={i} /> },
    {
      title: t('common.status'),
      key: 'status',
      width: 170,
      render: (_v, i) => (
        <div style={{ lineHeight: 1.5 }}>
          <ClaimTag task={{ claimStatus: i.claimStatus, claimOverdue: i.claimOverdue, done: false }} />
          {i.disputeReason && (
            <div style={{ ...clamp2, fontSize: 12, color: 'rgba(0,0,0,0.45)' }} title={i.disputeReason}>
              {t('plans.claims.reason', { reason: i.disputeReason })}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: oversight ? 96 : 200,
      fixed: 'right',
      render: (_v, i) => actions(i),
    },
  ];
}

function ClaimCard({ item, actions, showUnit }: { item: ClaimItem; actions: ReactNode; showUnit: boolean }) {
  const t = useT();
  return (
    <div
      data-testid="claim-card"
      style={{
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${item.claimOverdue ? '#cf1322' : item.claimStatus === 'disputed' ? '#fa8c16' : '#f0f0f0'}`,
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <TaskCell item={item} />
        </div>
        <ClaimTag task={{ claimStatus: item.claimStatus, claimOverdue: item.claimOverdue, done: false }} />
      </div>
      <div style={{ fontSize: 13, lineHeight: 1.7, marginTop: 4 }}>
        {showUnit && (
          <div>
            <Typography.Text type="secondary">{t('plans.col.leadUnit')} </Typography.Text>
            {item.leadUnit.name}
          </div>
        )}
        <div>
          <Typography.Text type="secondary">{t('plans.col.deadline')} </Typography.Text>
          {item.deadlineText}
        </div>
        <div style={{ display: 'flex', gap: 4 }}>
          <Typography.Text type="secondary">{t('plans.claims.col.due')} </Typography.Text>
          <DueCell item={item} />
        </div>
        {item.disputeReason && (
          <Typography.Text type="secondary">{t('plans.claims.reason', { reason: item.disputeReason })}</Typography.Text>
        )}
      </div>
      <div style={{ marginTop: 8 }}>{actions}</div>
    </div>
  );
}

/** 提出异议 (the lead unit, with a reason) or 改派 (the 督查室: the new lead unit and why). */
function ActModal({ act, onClose, onDone }: { act: Act; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string; leadUnitId?: string; note?: string }>();
  const run = useMutation({
    mutationFn: async (v: { reason?: string; leadUnitId?: string; note?: string }) => {
      if (!act) throw new Error('no action');
      return act.kind === 'dispute'
        ? taskClaimsApi.dispute(act.item.id, act.item.version, v.reason ?? '')
        : taskClaimsApi.reassign(act.item.id, act.item.version, v.leadUnitId ?? '', v.note?.trim() || null);
    },
    onSuccess: (i) => {
      toast.success(
        act?.kind === 'dispute' ? t('plans.claims.disputed') : t('plans.claims.reassigned', { unit: i.leadUnit.name }),
      );
      form.resetFields();
      onDone();
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal
      title={act?.kind === 'reassign' ? t('plans.claims.reassignTitle') : t('plans.claims.disputeTitle')}
      open={act !== null}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => run.mutate(v))}
      okText={act?.kind === 'reassign' ? t('plans.claims.reassign') : t('plans.claims.dispute')}
      confirmLoading={run.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {act && (
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{act.item.number}</Typography.Text> {act.item.content}
          </Typography.Paragraph>
          {act.kind === 'reassign' && act.item.disputeReason && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('plans.claims.disputeBy', { unit: act.item.leadUnit.name })}
              description={act.item.disputeReason}
            />
          )}
          <Form form={form} layout="vertical">
            {act.kind === 'dispute' ? (
              <Form.Item
                name="reason"
                label={t('plans.claims.reasonLabel')}
                rules={[
                  { required: true, whitespace: true, message: t('plans.claims.reasonRequired') },
                  { min: 4, message: t('plans.claims.reasonShort') },
                ]}
                extra={t('plans.claims.reasonHelp')}
              >
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={CLAIM_NOTE_MAX} showCount />
              </Form.Item>
            ) : (
              <>
                <Form.Item
                  name="leadUnitId"
                  label={t('plans.claims.newLead')}
                  rules={[{ required: true, message: t('plans.claims.newLeadRequired') }]}
                >
                  <EntitySelect kind="unit" exclude={[act.item.leadUnit.id]} />
                </Form.Item>
                <Form.Item name="note" label={t('plans.claims.note')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={CLAIM_NOTE_MAX} showCount />
                </Form.Item>
              </>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}

/**
 * 任务认领: a unit's tasks to claim — 认领, or 提出异议 with a reason; the 督查室's list of every pending and disputed
 * task — 改派 a disputed one, 催认领 the units that have not claimed.
 */
export function ClaimsPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useUrlFilter(ClaimListQuery);
  const [act, setAct] = useState<Act>(null);
  const q = useQuery({
    queryKey: ['task-claims', filter],
    queryFn: ({ signal }) => taskClaimsApi.list(filter, signal),
    placeholderData: keepPreviousData,
  });
  const plans = useQuery({
    queryKey: ['task-plans', { pageSize: 100, status: 'active' }],
    queryFn: ({ signal }) => taskPlansApi.list({ pageSize: 100, status: 'active' }, signal),
    staleTime: 60_000,
  });
  const list: ClaimPage | undefined = q.data;
  const oversight = list?.can.reassign ?? me.can.manageTasks;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['task-claims'] });
    void qc.invalidateQueries({ queryKey: ['task-plans'] });
    void qc.invalidateQueries({ queryKey: ['task-plan'] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
  };
  const claim = useMutation({
    mutationFn: (i: ClaimItem) => taskClaimsApi.claim(i.id, i.version),
    onSuccess: (i) => {
      toast.success(t('plans.claims.claimed', { number: i.number }));
      refresh();
    },
    onError: (e) => {
      showError(e);
      refresh();
    },
  });
  const remind = useMutation({
    mutationFn: () => taskClaimsApi.remind(filter.planId),
    onSuccess: (r) =>
      r.units === 0
        ? toast.info(t('plans.claims.remindNone'))
        : r.notified === 0
          ? toast.info(t('plans.claims.remindAlready', { units: r.units }))
          : toast.success(t('plans.claims.reminded', { units: r.units, tasks: r.tasks })),
    onError: (e) => showError(e),
  });
  const set = (next: Record<string, FilterValue>) => setFilter({ ...filter, page: 1, ...next });
  const actions = (i: ClaimItem) => (
    <Actions
      item={i}
      onAct={setAct}
      onClaim={(x) => claim.mutate(x)}
      claiming={claim.isPending && claim.variables?.id === i.id}
    />
  );
  const emptyText =
    q.error || filter.q || filter.planId
      ? tableEmptyText(t, q.error, true)
      : t(
          oversight
            ? 'plans.claims.empty.oversight'
            : filter.status === 'open'
              ? 'plans.claims.empty.unit'
              : 'common.empty',
        );

  const tiles: {
    key: 'pending' | 'disputed' | 'overdue';
    label: MessageKey;
    color: string;
    status: ClaimStatusFilter;
  }[] = [
    { key: 'pending', label: 'plans.claims.count.pending', color: '#1d5fd6', status: 'pending' },
    { key: 'disputed', label: 'plans.claims.count.disputed', color: '#d46b08', status: 'disputed' },
    { key: 'overdue', label: 'plans.claims.count.overdue', color: '#cf1322', status: 'pending' },
  ];

  return (
    <Page title={t('plans.claims.title')}>
      <Panel padding={phone ? 12 : 16}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t(oversight ? 'plans.claims.intro.oversight' : 'plans.claims.intro.unit')}
          </Typography.Text>
          {list ? (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: phone ? 'repeat(3, minmax(0, 1fr))' : 'repeat(3, minmax(120px, 160px))',
                gap: 8,
              }}
            >
              {tiles.map((tile) => (
                <button
                  key={tile.key}
                  type="button"
                  data-tile={tile.key}
                  onClick={() => set({ status: tile.status })}
                  style={{
                    textAlign: 'start',
                    cursor: 'pointer',
                    background: '#fafafa',
                    border: '1px solid #f0f0f0',
                    borderRadius: 6,
                    padding: phone ? '6px 10px' : '8px 12px',
                    font: 'inherit',
                  }}
                >
                  <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{t(tile.label)}</div>
                  <div style={{ fontSize: 22, fontWeight: 600, color: list.counts[tile.key] ? tile.color : undefined }}>
                    {list.counts[tile.key]}
                  </div>
                </button>
              ))}
            </div>
          ) : (
            <Skeleton.Input active block style={{ height: 64 }} />
          )}
        </Space>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <search style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
          <Segmented<ClaimStatusFilter>
            value={filter.status}
            onChange={(s) => set({ status: s })}
            options={CLAIM_FILTERS.map((s) => ({ value: s, label: t(FILTER_LABELS[s]) }))}
            block={phone}
            style={phone ? { width: '100%' } : undefined}
          />
          <Select
            allowClear
            placeholder={t('plans.claims.filter.plan')}
            style={{ width: phone ? '100%' : 280 }}
            value={filter.planId}
            onChange={(v) => set({ planId: v })}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          />
          <Input.Search
            allowClear
            defaultValue={filter.q}
            placeholder={t('plans.claims.filter.keyword')}
            style={{ width: phone ? '100%' : 240 }}
            onSearch={(v) => set({ q: v || undefined })}
          />
        </search>
        <ListToolbar
          left={
            list?.can.remind && (
              <Popconfirm
                title={t('plans.claims.remindConfirm')}
                description={filter.planId ? t('plans.claims.remindPlan') : t('plans.claims.remindAll')}
                onConfirm={() => remind.mutate()}
              >
                <Button icon={<BellOutlined />} loading={remind.isPending}>
                  {t('plans.claims.remind')}
                </Button>
              </Popconfirm>
            )
          }
          right={list && <Typography.Text type="secondary">{t('common.total', { total: list.total })}</Typography.Text>}
          onRefresh={refresh}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(i) => <ClaimCard key={i.id} item={i} actions={actions(i)} showUnit={oversight} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
          />
        ) : (
          <Table<ClaimItem>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, actions, oversight)}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 1050 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
      <ActModal
        act={act}
        onClose={() => setAct(null)}
        onDone={() => {
          setAct(null);
          refresh();
        }}
      />
    </Page>
  );
}
