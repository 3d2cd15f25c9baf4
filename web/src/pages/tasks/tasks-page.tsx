import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Empty,
  Form,
  Grid,
  Input,
  Progress,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { TaskStatus } from '../../../../domain/tasks/model.ts';
import { TaskListQuery } from '../../../../domain/tasks/tasks-contracts.ts';
import { type Task, type TaskList, tasksApi } from '../../api/tasks.ts';
import { CardList, cardLine } from '../../components/card-list.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { showError } from '../../lib/feedback.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { compact, type FilterValue, useUrlFilter } from '../../lib/url-filter.ts';
import {
  FeedbackStatusTag,
  Freshness,
  RatingPair,
  STATUS_COLORS,
  TaskStatusTag,
  useTaskLabels,
} from './feedback-labels.tsx';

type Filter = ReturnType<typeof useUrlFilter<typeof TaskListQuery>>[0];
type SearchValues = {
  q?: string;
  planId?: string;
  sectionId?: string;
  unitId?: string;
  leaderId?: string;
  status?: TaskStatus;
};

export const taskPath = (id: string) => `/tasks/t/${id}`;
const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

// ── counts by status: each a filter ────────────────────────────────────────────────────────────────────────
const CHIPS: (TaskStatus | 'all')[] = ['all', 'overdue', 'red', 'yellow', 'green', 'done'];

function StatusChips({
  counts,
  active,
  onPick,
  phone,
}: {
  counts: TaskList['counts'];
  active: TaskStatus | undefined;
  onPick: (s: TaskStatus | undefined) => void;
  phone: boolean;
}) {
  const t = useT();
  const labels = useTaskLabels();
  return (
    <section
      aria-label={t('tasks.counts.title')}
      style={{
        display: 'grid',
        gridTemplateColumns: phone ? 'repeat(3, minmax(0, 1fr))' : 'repeat(6, minmax(96px, 140px))',
        gap: phone ? 6 : 8,
      }}
    >
      {CHIPS.map((key) => {
        const on = key === 'all' ? active === undefined : active === key;
        const value = counts[key];
        const color = key === 'all' ? '#1f1f1f' : STATUS_COLORS[key];
        return (
          <button
            key={key}
            type="button"
            data-chip={key}
            aria-pressed={on}
            title={t('tasks.counts.filter')}
            onClick={() => onPick(key === 'all' || on ? undefined : key)}
            style={{
              textAlign: 'start',
              cursor: 'pointer',
              background: on ? '#e6f0ff' : '#fafafa',
              border: `1px solid ${on ? '#1d5fd6' : '#f0f0f0'}`,
              borderInlineStart: `3px solid ${color}`,
              borderRadius: 6,
              padding: phone ? '6px 10px' : '8px 12px',
              font: 'inherit',
              minWidth: 0,
            }}
          >
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
              {key === 'all' ? t('tasks.counts.all') : labels.status(key)}
            </div>
            <div style={{ fontSize: phone ? 20 : 22, fontWeight: 600, lineHeight: 1.25, color, ...tabular }}>
              {value}
            </div>
          </button>
        );
      })}
    </section>
  );
}

// ── cells ───────────────────────────────────────────────────────────────────────────────────────────────────
function Completion({ task }: { task: Task }) {
  const t = useT();
  if (task.completionPct === null)
    return <Typography.Text type="secondary">{t('tasks.completion.none')}</Typography.Text>;
  return (
    <div style={{ minWidth: 96 }}>
      <Progress
        percent={task.completionPct}
        size="small"
        strokeColor={STATUS_COLORS[task.status]}
        format={(p) => `${p}%`}
      />
      {task.expectedPct !== null && task.status !== 'done' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.completion.expected', { pct: task.expectedPct })}
        </Typography.Text>
      )}
    </div>
  );
}

function CurrentFeedback({ task }: { task: Task }) {
  return (
    <div style={{ lineHeight: 1.5 }}>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap' }}>{task.currentCycleLabel}</div>
      <FeedbackStatusTag status={task.currentFeedbackStatus} />
    </div>
  );
}

function Units({ task }: { task: Task }) {
  const t = useT();
  return (
    <div style={{ minWidth: 0, lineHeight: 1.4 }}>
      <div>{task.leadUnitName}</div>
      {task.partnerNames.length > 0 && (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 1, tooltip: task.partnerNames.join('、') }}
          style={{ fontSize: 12, marginBottom: 0 }}
        >
          {t('tasks.partners.short', { names: task.partnerNames.join('、') })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** One task on a phone: number and text, the light and why, then who and when; the card opens it. */
function TaskCard({ task, today }: { task: Task; today: string }) {
  const t = useT();
  const labels = useTaskLabels();
  return (
    <Link
      to={taskPath(task.id)}
      data-testid="task-card"
      data-task={task.id}
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${STATUS_COLORS[task.status]}`,
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Paragraph strong ellipsis={{ rows: 3 }} style={{ flex: 1, fontSize: 15, marginBottom: 4 }}>
          <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 6 }}>{task.number}</span>
          {task.content}
        </Typography.Paragraph>
        <TaskStatusTag status={task.status} />
      </div>
      {task.reasons[0] && task.status !== 'green' && (
        <Typography.Text type={task.status === 'done' ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
          {labels.reason(task.reasons[0])}
        </Typography.Text>
      )}
      <div style={{ marginTop: 6 }}>
        {cardLine(t('tasks.col.lead'), task.leadUnitName)}
        {cardLine(t('tasks.col.deadline'), task.deadlineText)}
        {cardLine(t('tasks.col.completion'), task.completionPct === null ? '—' : `${task.completionPct}%`)}
        {cardLine(t('tasks.col.freshness'), <Freshness on={task.lastAcceptedOn} today={today} />)}
        {cardLine(
          t('tasks.col.current'),
          <Space size={4}>
            {task.currentCycleLabel}
            <FeedbackStatusTag status={task.currentFeedbackStatus} />
          </Space>,
        )}
      </div>
    </Link>
  );
}

function columnsOf(t: T, labels: ReturnType<typeof useTaskLabels>, today: string): TableColumnsType<Task> {
  return [
    {
      title: t('tasks.col.number'),
      dataIndex: 'number',
      width: 68,
      render: (n: string) => <span style={tabular}>{n}</span>,
    },
    {
      title: t('tasks.col.content'),
      dataIndex: 'content',
      render: (c: string, task) => (
        <div style={{ minWidth: 0 }}>
          <Link to={taskPath(task.id)} onClick={(e) => e.stopPropagation()} style={{ color: 'inherit' }} title={c}>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
              {c}
            </Typography.Paragraph>
          </Link>
          {task.sectionTitle && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.sectionTitle}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('tasks.col.leaders'),
      dataIndex: 'leaderNames',
      width: 80,
      render: (names: string[]) => (names.length ? names.join('、') : '—'),
    },
    { title: t('tasks.col.lead'), key: 'units', width: 160, render: (_v, task) => <Units task={task} /> },
    {
      title: t('tasks.col.deadline'),
      dataIndex: 'deadlineText',
      width: 96,
      render: (d: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} style={{ marginBottom: 0 }}>
          {d}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('tasks.col.status'),
      key: 'status',
      width: 140,
      render: (_v, task) => (
        <div style={{ lineHeight: 1.4 }}>
          <TaskStatusTag status={task.status} reasons={task.reasons} />
          {task.status !== 'green' && task.reasons[0] && (
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2 }}
              style={{ fontSize: 12, marginBottom: 0, marginTop: 2 }}
            >
              {labels.reason(task.reasons[0])}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    {
      title: t('tasks.col.completion'),
      key: 'completion',
      width: 120,
      render: (_v, task) => <Completion task={task} />,
    },
    {
      title: t('tasks.col.ratings'),
      key: 'ratings',
      width: 132,
      render: (_v, task) => (
        <RatingPair
          unit={task.unitConfidence}
          supervisor={task.supervisorRating}
          divergent={task.ratingsDivergent}
          compact
        />
      ),
    },
    {
      title: t('tasks.col.freshness'),
      dataIndex: 'lastAcceptedOn',
      width: 100,
      render: (on: string | null) => <Freshness on={on} today={today} stacked />,
    },
    {
      title: t('tasks.col.current'),
      key: 'current',
      width: 112,
      render: (_v, task) => <CurrentFeedback task={task} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 64,
      fixed: 'right',
      render: (_v, task) => (
        <Link to={taskPath(task.id)} onClick={(e) => e.stopPropagation()}>
          {task.myRole !== 'oversight' && task.status !== 'done' ? t('tasks.handle') : t('common.view')}
        </Link>
      ),
    },
  ];
}

/** 任务清单: every task in reach with its computed light, freshness and both ratings; filters, chips, the ledger. */
export function TasksPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const labels = useTaskLabels();
  const phone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useUrlFilter(TaskListQuery);
  const q = useQuery({
    queryKey: ['tasks', filter],
    queryFn: ({ signal }) => tasksApi.list(filter, signal),
    placeholderData: keepPreviousData,
  });
  const options = useQuery({ queryKey: ['task-filters'], queryFn: () => tasksApi.filters(), staleTime: 60_000 });
  const list = q.data;
  const today = list?.today ?? '';
  const filtering = Boolean(
    filter.q || filter.status || filter.planId || filter.sectionId || filter.unitId || filter.leaderId || filter.claim,
  );
  const set = (next: Partial<Record<keyof Filter, FilterValue>>) => setFilter({ ...filter, page: 1, ...next });
  const { page: _p, pageSize: _s, ...ledgerFilter } = filter;
  const ledger = useMutation({
    mutationFn: () => tasksApi.ledger(ledgerFilter).then((f) => saveFile(f, t('tasks.ledger.fallbackName'))),
    onError: (e) => showError(e),
  });

  const [form] = Form.useForm<SearchValues>();
  const planPicked = Form.useWatch('planId', form);
  const o = options.data;
  const sectionOptions = (o?.sections ?? [])
    .filter((s) => !planPicked || s.planId === planPicked)
    .map((s) => ({ value: s.id, label: `${s.label}、${s.title}` }));
  const searchValues: SearchValues = {
    q: filter.q,
    planId: filter.planId,
    sectionId: filter.sectionId,
    unitId: filter.unitId,
    leaderId: filter.leaderId,
    status: filter.status,
  };
  const keep = { pageSize: filter.pageSize, claim: filter.claim };
  const emptyText = tableEmptyText(t, q.error, filtering);

  return (
    <Page title={t('tasks.title')}>
      <Panel padding={phone ? 12 : 16}>
        {list ? (
          <StatusChips counts={list.counts} active={filter.status} onPick={(status) => set({ status })} phone={phone} />
        ) : (
          <Skeleton.Input active block style={{ height: 64 }} />
        )}
      </Panel>
      <Panel>
        <SearchForm<SearchValues>
          form={form}
          values={searchValues}
          onSearch={(v) => setFilter({ ...compact(v), ...keep })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('tasks.filter.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="planId" label={t('tasks.filter.plan')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={(o?.plans ?? []).map((p) => ({ value: p.id, label: p.title }))}
              onChange={() => form.setFieldValue('sectionId', undefined)}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="status" label={t('tasks.col.status')}>
            <Select allowClear placeholder={t('common.all')} options={labels.statusOptions} />
          </Form.Item>
          <Form.Item name="sectionId" label={t('tasks.filter.section')}>
            <Select allowClear placeholder={t('common.all')} options={sectionOptions} popupMatchSelectWidth={false} />
          </Form.Item>
          <Form.Item name="unitId" label={t('tasks.col.lead')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={(o?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="leaderId" label={t('tasks.col.leaders')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={(o?.leaders ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              <Button
                icon={<DownloadOutlined />}
                loading={ledger.isPending}
                onClick={() => ledger.mutate()}
                data-testid="task-ledger"
              >
                {t('tasks.ledger.export')}
              </Button>
              {list && (
                <Typography.Text type="secondary" data-testid="tasks-total">
                  {t('tasks.total', { count: list.total })}
                </Typography.Text>
              )}
            </>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['tasks'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(task) => <TaskCard key={task.id} task={task} today={today} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
            testId="task-cards"
          />
        ) : (
          <Table<Task>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, labels, today)}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 1260 }}
            onRow={(task) => ({
              onClick: () => navigate(taskPath(task.id)),
              style: { cursor: 'pointer' },
            })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
    </Page>
  );
}
