import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Col,
  DatePicker,
  Divider,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  FEEDBACK_CYCLE_LABELS,
  FEEDBACK_CYCLES,
  type FeedbackCycle,
  SOURCE_KIND_LABELS,
  SOURCE_KINDS,
  type SourceKind,
} from '../../../../domain/tasks/model.ts';
import {
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  PlanCreate,
  PlanListQuery,
  type PlanStatus,
} from '../../../../domain/tasks/plans-contracts.ts';
import { type PlanDetail, type PlanSummary, taskPlansApi } from '../../api/task-plans.ts';
import { useMe } from '../../app/session.tsx';
import { CardList } from '../../components/card-list.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { type T, useLabel, useT } from '../../lib/i18n.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';

export const planPath = (id: string) => `/tasks/plans/${id}`;

type PlanFormValues = {
  sourceKind?: SourceKind;
  sourceTitle?: string;
  docNumber?: string | null;
  issuedOn?: Dayjs | null;
  title?: string;
  year?: number;
  feedbackCycle?: FeedbackCycle;
  feedbackDueDay?: number;
  claimWorkingDays?: number;
  status?: PlanStatus;
};

/**
 * 新建方案 / 修改方案: the source document (kind, title, 文号, date), the plan's title and year, the feedback cycle and
 * its due day, and the working days a lead unit has to claim its tasks.
 */
export function PlanFormModal({
  open,
  plan,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** the plan to edit; none to create one */
  plan?: PlanSummary | PlanDetail | null;
  onClose: () => void;
  onSaved: (plan: PlanDetail) => void;
}) {
  const t = useT();
  const label = useLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanFormValues>();
  const cycle = Form.useWatch('feedbackCycle', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      plan
        ? {
            sourceKind: plan.source.kind,
            sourceTitle: plan.source.title,
            docNumber: plan.source.docNumber,
            issuedOn: plan.source.issuedOn ? dayjs(plan.source.issuedOn) : null,
            title: plan.title,
            year: plan.year,
            feedbackCycle: plan.feedbackCycle,
            feedbackDueDay: plan.feedbackDueDay,
            claimWorkingDays: plan.claimWorkingDays,
            status: plan.status,
          }
        : {
            sourceKind: 'work_report',
            year: dayjs().year(),
            feedbackCycle: 'monthly',
            feedbackDueDay: 25,
            claimWorkingDays: 3,
          },
    );
  }, [open, plan, form]);

  const toBody = (v: PlanFormValues) => ({
    source: {
      kind: v.sourceKind,
      title: v.sourceTitle,
      docNumber: v.docNumber || null,
      issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
    },
    title: v.title,
    year: v.year,
    feedbackCycle: v.feedbackCycle,
    feedbackDueDay: v.feedbackDueDay,
    claimWorkingDays: v.claimWorkingDays,
  });
  const save = useMutation({
    mutationFn: (v: PlanFormValues) => {
      const body = toBody(v);
      if (!plan) return taskPlansApi.create(body as never);
      return taskPlansApi.update(plan.id, { ...body, status: v.status, version: plan.version } as never);
    },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['task-plans'] });
      void qc.invalidateQueries({ queryKey: ['task-plan', saved.id] });
      toast.success(plan ? t('common.saved') : t('plans.created', { title: saved.title }));
      onSaved(saved);
    },
    onError: (err) => handleSaveError(form, err),
  });
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!plan && !validateWith(form, PlanCreate, toBody(v))) return;
    save.mutate(v);
  };
  const required = (message: string) => [{ required: true, message }];

  return (
    <Modal
      title={plan ? t('plans.editTitle') : t('plans.new')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<PlanFormValues> form={form} layout="vertical" data-testid="plan-form">
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('plans.form.source')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="sourceKind"
              label={t('plans.form.sourceKind')}
              rules={required(t('plans.form.sourceKindRequired'))}
            >
              <Select options={SOURCE_KINDS.map((k) => ({ value: k, label: label(SOURCE_KIND_LABELS[k]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="sourceTitle"
              label={t('plans.form.sourceTitle')}
              rules={required(t('plans.form.sourceTitleRequired'))}
            >
              <Input maxLength={200} placeholder={t('plans.form.sourceTitlePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="docNumber" label={t('plans.form.docNumber')}>
              <Input maxLength={100} placeholder={t('plans.form.docNumberPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedOn" label={t('plans.form.issuedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('plans.form.plan')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('plans.col.title')} rules={required(t('plans.form.titleRequired'))}>
              <Input maxLength={200} placeholder={t('plans.form.titlePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="year" label={t('plans.col.year')} rules={required(t('plans.form.yearRequired'))}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="feedbackCycle"
              label={t('plans.col.cycle')}
              rules={required(t('plans.form.cycleRequired'))}
            >
              <Select options={FEEDBACK_CYCLES.map((c) => ({ value: c, label: label(FEEDBACK_CYCLE_LABELS[c]) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="feedbackDueDay"
              label={cycle === 'weekly' ? t('plans.form.dueWeekday') : t('plans.form.dueDay')}
              rules={required(t('plans.form.dueDayRequired'))}
              extra={cycle === 'quarterly' ? t('plans.form.dueDayQuarterly') : undefined}
            >
              <InputNumber min={1} max={cycle === 'weekly' ? 7 : 31} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="claimWorkingDays"
              label={t('plans.form.claimDays')}
              rules={required(t('plans.form.claimDaysRequired'))}
            >
              <InputNumber
                min={1}
                max={30}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('plans.form.workingDays')}
              />
            </Form.Item>
          </Col>
          {plan && (
            <Col xs={24} md={8}>
              <Form.Item name="status" label={t('common.status')}>
                <Select options={PLAN_STATUSES.map((s) => ({ value: s, label: label(PLAN_STATUS_LABELS[s]) }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

/** 待认领 / 有异议 / 逾期未认领 as small counts, red when something waits. */
export function ClaimCounts({ counts }: { counts: PlanSummary['counts'] }) {
  const t = useT();
  const item = (n: number, text: string, color: string) =>
    n > 0 ? (
      <Tag key={text} color={color} style={{ marginInlineEnd: 4 }}>
        {text} {n}
      </Tag>
    ) : null;
  const all = [
    item(counts.pending, t('plans.count.pending'), 'blue'),
    item(counts.disputed, t('plans.count.disputed'), 'orange'),
    item(counts.claimOverdue, t('plans.count.claimOverdue'), 'red'),
  ].filter(Boolean);
  return all.length ? all : <Typography.Text type="secondary">{t('plans.count.allClaimed')}</Typography.Text>;
}

function SourceCell({ plan }: { plan: PlanSummary }) {
  const label = useLabel();
  return (
    <div style={{ lineHeight: 1.5, minWidth: 0 }}>
      <Tag style={{ marginInlineEnd: 6 }}>{label(SOURCE_KIND_LABELS[plan.source.kind])}</Tag>
      <span>{plan.source.title}</span>
      {plan.source.docNumber && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{plan.source.docNumber}</div>}
    </div>
  );
}

function columnsOf(t: T, label: ReturnType<typeof useLabel>): TableColumnsType<PlanSummary> {
  return [
    {
      title: t('plans.col.title'),
      dataIndex: 'title',
      width: 240,
      render: (title: string, p) => (
        <Link to={planPath(p.id)} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    { title: t('plans.col.source'), key: 'source', render: (_v, p) => <SourceCell plan={p} /> },
    { title: t('plans.col.year'), dataIndex: 'year', width: 64, align: 'center' },
    {
      title: t('plans.col.cycle'),
      key: 'cycle',
      width: 110,
      render: (_v, p) =>
        p.feedbackCycle === 'weekly'
          ? t('plans.cycle.weekly', { day: p.feedbackDueDay })
          : t(p.feedbackCycle === 'monthly' ? 'plans.cycle.monthly' : 'plans.cycle.quarterly', {
              day: p.feedbackDueDay,
            }),
    },
    {
      title: t('plans.col.tasks'),
      key: 'tasks',
      width: 96,
      align: 'right',
      render: (_v, p) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('plans.tasksIn', { tasks: p.counts.tasks, sections: p.counts.sections })}
        </span>
      ),
    },
    { title: t('plans.col.claims'), key: 'claims', width: 170, render: (_v, p) => <ClaimCounts counts={p.counts} /> },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 76,
      render: (s: PlanStatus) => <Tag color={s === 'active' ? 'green' : 'default'}>{label(PLAN_STATUS_LABELS[s])}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_v, p) => (
        <Space size={12}>
          <Link to={planPath(p.id)} onClick={(e) => e.stopPropagation()}>
            {t('common.view')}
          </Link>
          {p.can.import && (
            <Link to={`${planPath(p.id)}/import`} onClick={(e) => e.stopPropagation()}>
              {t('plans.import')}
            </Link>
          )}
        </Space>
      ),
    },
  ];
}

function PlanCard({ plan }: { plan: PlanSummary }) {
  const t = useT();
  return (
    <Link
      to={planPath(plan.id)}
      data-testid="plan-card"
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        padding: 12,
      }}
    >
      <Typography.Text strong style={{ fontSize: 15 }}>
        {plan.title}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <SourceCell plan={plan} />
      </div>
      <div style={{ marginTop: 6, fontSize: 13 }}>
        {t('plans.tasksIn', { tasks: plan.counts.tasks, sections: plan.counts.sections })}
      </div>
      <div style={{ marginTop: 6 }}>
        <ClaimCounts counts={plan.counts} />
      </div>
    </Link>
  );
}

type SearchValues = { q?: string; year?: number; status?: PlanStatus };

/** 分工方案: the plans (those the caller has tasks in, for a unit), with their counts; the 督查室 creates them. */
export function PlansPage() {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useUrlFilter(PlanListQuery);
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['task-plans', filter],
    queryFn: ({ signal }) => taskPlansApi.list(filter, signal),
    placeholderData: keepPreviousData,
  });
  const list = q.data;
  const filtering = Boolean(filter.q || filter.year || filter.status);
  const emptyText =
    q.error || filtering
      ? tableEmptyText(t, q.error, filtering)
      : t(me.can.manageTasks ? 'plans.empty.manage' : 'plans.empty.unit');
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() + 1 - i);

  return (
    <Page title={t('plans.title')}>
      <Panel>
        <SearchForm<SearchValues>
          values={{ q: filter.q, year: filter.year, status: filter.status }}
          onSearch={(v) => setFilter({ ...compact(v), pageSize: filter.pageSize })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('plans.filter.keyword')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="year" label={t('plans.col.year')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={years.map((y) => ({ value: y, label: String(y) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={PLAN_STATUSES.map((s) => ({ value: s, label: label(PLAN_STATUS_LABELS[s]) }))}
            />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            (list?.can.create ?? me.can.manageTasks) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('plans.new')}
              </Button>
            )
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['task-plans'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(p) => <PlanCard key={p.id} plan={p} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
          />
        ) : (
          <Table<PlanSummary>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, label)}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 1000 }}
            onRow={(p) => ({ onClick: () => navigate(planPath(p.id)), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
      <PlanFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          navigate(planPath(p.id));
        }}
      />
    </Page>
  );
}
