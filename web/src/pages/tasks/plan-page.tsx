import { DownloadOutlined, EditOutlined, FileExcelOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { describeDeadline } from '../../../../domain/tasks/deadline.ts';
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  type ClaimStatus,
  SOURCE_KIND_LABELS,
} from '../../../../domain/tasks/model.ts';
import { type PlanDetail, type PlanSection, type PlanTask, taskPlansApi } from '../../api/task-plans.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { formatDate } from '../../lib/format.ts';
import { type T, useLabel, useLang, useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { ClaimCounts, PlanFormModal } from './plans-page.tsx';
import { TaskFormDrawer } from './task-form.tsx';

export const sectionHeading = (s: Pick<PlanSection, 'label' | 'title'>) =>
  s.label ? `${s.label}${/[)）]$/.test(s.label) ? '' : '、'}${s.title}` : s.title;

/** The reading of a task's deadline in words ("2026年6月30日前；节点：…"). */
export function deadlineReading(task: PlanTask, lang: 'zh' | 'en'): string {
  return describeDeadline(
    {
      kind: task.deadlineKind,
      on: task.deadlineOn,
      recurrence: task.recurrence as never,
      milestones: task.milestones.map((m) => ({ title: m.title, on: m.dueOn })),
    },
    lang,
  );
}

/** 待认领 (red once overdue) / 已认领 / 有异议; 已销号 wins. */
export function ClaimTag({ task }: { task: Pick<PlanTask, 'claimStatus' | 'claimOverdue' | 'done'> }) {
  const t = useT();
  const label = useLabel();
  if (task.done) return <Tag>{t('plans.claim.done')}</Tag>;
  if (task.claimOverdue) return <Tag color="red">{t('plans.claim.overdue')}</Tag>;
  const color: Record<ClaimStatus, string> = { pending: 'blue', claimed: 'green', disputed: 'orange' };
  return <Tag color={color[task.claimStatus]}>{label(CLAIM_STATUS_LABELS[task.claimStatus])}</Tag>;
}

type Row =
  | { key: string; kind: 'section'; heading: string; count: number }
  | ({ key: string; kind: 'task' } & PlanTask);

function columnsOf(t: T, lang: 'zh' | 'en', canEdit: boolean, edit: (task: PlanTask) => void): TableColumnsType<Row> {
  const WIDTH = 8;
  const span = (r: Row, first = false) => (r.kind === 'section' ? { colSpan: first ? WIDTH : 0 } : {});
  const task = (r: Row) => r as Extract<Row, { kind: 'task' }>;
  return [
    {
      title: t('plans.col.number'),
      key: 'number',
      width: 64,
      align: 'center',
      onCell: (r) => span(r, true),
      render: (_v, r) =>
        r.kind === 'section' ? (
          <div style={{ textAlign: 'start', fontWeight: 600 }} data-testid="plan-section-row">
            {r.heading}
            <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }}>
              {t('plans.sectionCount', { count: r.count })}
            </Typography.Text>
          </div>
        ) : (
          task(r).number
        ),
    },
    {
      title: t('plans.col.content'),
      key: 'content',
      onCell: (r) => span(r),
      render: (_v, r) =>
        r.kind === 'task' ? (
          <Link to={`/tasks/t/${r.id}`} style={{ color: 'inherit' }} title={r.content}>
            <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>
              {r.content}
            </Typography.Paragraph>
          </Link>
        ) : null,
    },
    {
      title: t('plans.col.leaders'),
      key: 'leaders',
      width: 84,
      onCell: (r) => span(r),
      render: (_v, r) => (r.kind === 'task' ? r.leaders.map((l) => l.name).join('、') : null),
    },
    {
      title: t('plans.col.leadUnit'),
      key: 'lead',
      width: 132,
      onCell: (r) => span(r),
      render: (_v, r) => (r.kind === 'task' ? r.leadUnit.name : null),
    },
    {
      title: t('plans.col.partners'),
      key: 'partners',
      width: 170,
      onCell: (r) => span(r),
      render: (_v, r) =>
        r.kind === 'task' ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: true }} style={{ marginBottom: 0, fontSize: 13 }}>
            {r.partners.map((p) => p.name).join('、') || '—'}
          </Typography.Paragraph>
        ) : null,
    },
    {
      title: t('plans.col.deadline'),
      key: 'deadline',
      width: 180,
      onCell: (r) => span(r),
      render: (_v, r) =>
        r.kind === 'task' ? (
          <div style={{ lineHeight: 1.4 }}>
            <div>{r.deadlineText}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {deadlineReading(r, lang)}
            </Typography.Text>
          </div>
        ) : null,
    },
    {
      title: t('plans.col.claim'),
      key: 'claim',
      width: 100,
      onCell: (r) => span(r),
      render: (_v, r) =>
        r.kind === 'task' ? (
          <Tooltip
            title={
              r.disputeReason ??
              (r.claimStatus === 'pending' ? t('plans.claimBy', { date: formatDate(r.claimDueOn) }) : undefined)
            }
          >
            <span>
              <ClaimTag task={r} />
            </span>
          </Tooltip>
        ) : null,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 64,
      fixed: 'right',
      onCell: (r) => span(r),
      render: (_v, r) =>
        r.kind === 'task' ? (
          canEdit && r.can.edit ? (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => edit(r)}>
              {t('common.edit')}
            </Button>
          ) : (
            <Link to={`/tasks/t/${r.id}`}>{t('common.view')}</Link>
          )
        ) : null,
    },
  ];
}

/** One task on a phone. */
function TaskCard({ task, lang, onEdit }: { task: PlanTask; lang: 'zh' | 'en'; onEdit?: () => void }) {
  const t = useT();
  return (
    <div
      data-testid="plan-task-card"
      style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ flex: 'none' }}>
          {task.number}
        </Typography.Text>
        <Link to={`/tasks/t/${task.id}`} style={{ color: 'inherit', flex: 1, minWidth: 0 }}>
          <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 4 }}>
            {task.content}
          </Typography.Paragraph>
        </Link>
        <ClaimTag task={task} />
      </div>
      <div style={{ fontSize: 13, lineHeight: 1.7 }}>
        <div>
          <Typography.Text type="secondary">{t('plans.col.leadUnit')} </Typography.Text>
          {task.leadUnit.name}
        </div>
        {task.partners.length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('plans.col.partners')} </Typography.Text>
            {task.partners.map((p) => p.name).join('、')}
          </div>
        )}
        <div>
          <Typography.Text type="secondary">{t('plans.col.deadline')} </Typography.Text>
          {task.deadlineText}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {deadlineReading(task, lang)}
            </Typography.Text>
          </div>
        </div>
      </div>
      {onEdit && (
        <Button size="small" icon={<EditOutlined />} onClick={onEdit} style={{ marginTop: 6 }}>
          {t('common.edit')}
        </Button>
      )}
    </div>
  );
}

function SectionModal({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string }>();
  const add = useMutation({
    mutationFn: (title: string) => taskPlansApi.addSection(plan.id, { title }),
    onSuccess: (s) => {
      toast.success(t('plans.section.added', { heading: sectionHeading(s) }));
      void qc.invalidateQueries({ queryKey: ['task-plan', plan.id] });
      form.resetFields();
      onClose();
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal
      title={t('plans.section.add')}
      open={open}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => add.mutate(v.title))}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="title"
          label={t('plans.section.title')}
          extra={t('plans.section.help', { label: String(plan.sections.length + 1) })}
          rules={[{ required: true, whitespace: true, message: t('plans.section.titleRequired') }]}
        >
          <Input maxLength={200} placeholder={t('plans.section.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Filters = { q?: string; sectionId?: string; claim?: ClaimStatus | 'overdue' };

/** 分工方案: the source, the sections with their tasks, and — for the 督查室 — 添加任务, 导入, 导出, 下载模板. */
export function PlanPage() {
  const { id = '' } = useParams();
  const t = useT();
  const label = useLabel();
  const [langCode] = useLang();
  const lang = langCode === 'zh-CN' ? 'zh' : 'en';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<PlanTask | null | 'new'>(null);
  const [editingPlan, setEditingPlan] = useState(false);
  const [addingSection, setAddingSection] = useState(false);
  const [filters, setFilters] = useState<Filters>({});
  const q = useQuery({ queryKey: ['task-plan', id], queryFn: ({ signal }) => taskPlansApi.get(id, signal) });
  const plan = q.data;

  const download = useMutation({
    mutationFn: (what: 'export' | 'template') =>
      what === 'export' ? taskPlansApi.exportFile(id) : taskPlansApi.template(),
    onSuccess: (f, what) => saveFile(f, what === 'export' ? `${plan?.title ?? 'plan'}.xlsx` : t('plans.templateName')),
    onError: (e) => showError(e),
  });

  const rows = useMemo<Row[]>(() => {
    if (!plan) return [];
    const text = filters.q?.trim();
    const keep = (x: PlanTask) =>
      (!text || x.content.includes(text) || x.number.includes(text) || x.leadUnit.name.includes(text)) &&
      (!filters.sectionId || x.sectionId === filters.sectionId) &&
      (!filters.claim ||
        (filters.claim === 'overdue' ? x.claimOverdue : x.claimStatus === filters.claim && !x.claimOverdue));
    const out: Row[] = [];
    const loose = plan.tasks.filter((x) => x.sectionId === null && keep(x));
    for (const x of loose) out.push({ key: x.id, kind: 'task', ...x });
    for (const s of plan.sections) {
      const mine = plan.tasks.filter((x) => x.sectionId === s.id && keep(x));
      // a unit sees the sections it has tasks in; a filter hides the sections it empties
      if (mine.length === 0 && (!plan.can.edit || text || filters.claim || filters.sectionId)) continue;
      out.push({ key: `s:${s.id}`, kind: 'section', heading: sectionHeading(s), count: mine.length });
      for (const x of mine) out.push({ key: x.id, kind: 'task', ...x });
    }
    return out;
  }, [plan, filters]);

  if (q.isError) {
    return (
      <Result status="404" title={t('plans.notFound')} extra={<Link to="/tasks/plans">{t('common.back')}</Link>} />
    );
  }
  if (!plan) return <Skeleton active />;
  const manage = plan.can.edit;
  const tasksShown = rows.filter((r) => r.kind === 'task').length;

  return (
    <Page
      title={plan.title}
      extra={
        manage && (
          <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)}>
            {t('plans.edit')}
          </Button>
        )
      }
    >
      <Panel>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'source',
              label: t('plans.col.source'),
              children: (
                <span>
                  <Tag>{label(SOURCE_KIND_LABELS[plan.source.kind])}</Tag>
                  {plan.source.title}
                </span>
              ),
            },
            { key: 'doc', label: t('plans.form.docNumber'), children: plan.source.docNumber ?? '—' },
            { key: 'issued', label: t('plans.form.issuedOn'), children: formatDate(plan.source.issuedOn) || '—' },
            { key: 'year', label: t('plans.col.year'), children: plan.year },
            {
              key: 'cycle',
              label: t('plans.col.cycle'),
              children:
                plan.feedbackCycle === 'weekly'
                  ? t('plans.cycle.weekly', { day: plan.feedbackDueDay })
                  : t(plan.feedbackCycle === 'monthly' ? 'plans.cycle.monthly' : 'plans.cycle.quarterly', {
                      day: plan.feedbackDueDay,
                    }),
            },
            {
              key: 'claimDays',
              label: t('plans.form.claimDays'),
              children: t('plans.claimDaysValue', { days: plan.claimWorkingDays }),
            },
            {
              key: 'tasks',
              label: t('plans.col.tasks'),
              children: t('plans.tasksIn', { tasks: plan.counts.tasks, sections: plan.counts.sections }),
            },
            { key: 'claims', label: t('plans.col.claims'), children: <ClaimCounts counts={plan.counts} /> },
          ]}
        />
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <search style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('plans.filter.taskKeyword')}
            style={{ width: phone ? '100%' : 260 }}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined }))}
          />
          <Select
            allowClear
            placeholder={t('plans.filter.section')}
            style={{ width: phone ? '100%' : 240 }}
            value={filters.sectionId}
            onChange={(v) => setFilters((f) => ({ ...f, sectionId: v }))}
            options={plan.sections.map((s) => ({ value: s.id, label: sectionHeading(s) }))}
          />
          <Select
            allowClear
            placeholder={t('plans.filter.claim')}
            style={{ width: phone ? '100%' : 160 }}
            value={filters.claim}
            onChange={(v) => setFilters((f) => ({ ...f, claim: v }))}
            options={[
              ...CLAIM_STATUSES.map((s) => ({ value: s, label: label(CLAIM_STATUS_LABELS[s]) })),
              { value: 'overdue', label: t('plans.claim.overdue') },
            ]}
          />
        </search>
        <ListToolbar
          left={
            <>
              {plan.can.addTask && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('plans.addTask')}
                </Button>
              )}
              {plan.can.addTask && <Button onClick={() => setAddingSection(true)}>{t('plans.section.add')}</Button>}
              {plan.can.import && (
                <Button icon={<ImportOutlined />} onClick={() => navigate(`/tasks/plans/${plan.id}/import`)}>
                  {t('plans.import')}
                </Button>
              )}
              <Button
                icon={<FileExcelOutlined />}
                loading={download.isPending && download.variables === 'export'}
                onClick={() => download.mutate('export')}
              >
                {t('plans.export')}
              </Button>
              {manage && (
                <Button
                  icon={<DownloadOutlined />}
                  loading={download.isPending && download.variables === 'template'}
                  onClick={() => download.mutate('template')}
                >
                  {t('plans.template')}
                </Button>
              )}
            </>
          }
          right={
            <Typography.Text type="secondary">
              {t('plans.shown', { shown: tasksShown, total: plan.tasks.length })}
            </Typography.Text>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['task-plan', id] })}
          refreshing={q.isFetching}
        />
        {rows.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              plan.tasks.length === 0 ? t(manage ? 'plans.noTasks.manage' : 'plans.noTasks.unit') : t('common.noMatch')
            }
          >
            {plan.tasks.length === 0 && plan.can.import && (
              <Space>
                <Button type="primary" onClick={() => navigate(`/tasks/plans/${plan.id}/import`)}>
                  {t('plans.import')}
                </Button>
                <Button onClick={() => setEditing('new')}>{t('plans.addTask')}</Button>
              </Space>
            )}
          </Empty>
        ) : phone ? (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {rows.map((r) =>
              r.kind === 'section' ? (
                <Typography.Text key={r.key} strong style={{ marginTop: 8 }}>
                  {r.heading}
                </Typography.Text>
              ) : (
                <TaskCard
                  key={r.key}
                  task={r}
                  lang={lang}
                  onEdit={manage && r.can.edit ? () => setEditing(r) : undefined}
                />
              ),
            )}
          </div>
        ) : (
          <Table<Row>
            rowKey="key"
            size="middle"
            columns={columnsOf(t, lang, manage, (x) => setEditing(x))}
            dataSource={rows}
            scroll={{ x: 1100 }}
            rowClassName={(r) => (r.kind === 'section' ? 'ls-section-row' : '')}
            onRow={(r) => (r.kind === 'section' ? { style: { background: '#f6f8fb' } } : {})}
            pagination={{
              pageSize: 100,
              hideOnSinglePage: true,
              showSizeChanger: false,
              placement: ['bottomEnd'],
              showTotal: () => t('plans.shown', { shown: tasksShown, total: plan.tasks.length }),
            }}
          />
        )}
      </Panel>
      <TaskFormDrawer
        open={editing !== null}
        plan={plan}
        task={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
      <PlanFormModal
        open={editingPlan}
        plan={plan}
        onClose={() => setEditingPlan(false)}
        onSaved={() => setEditingPlan(false)}
      />
      <SectionModal plan={plan} open={addingSection} onClose={() => setAddingSection(false)} />
    </Page>
  );
}
