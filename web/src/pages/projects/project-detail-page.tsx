import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { GateCode } from '../../../../domain/projects/admission.ts';
import type { Project } from '../../../../domain/projects/contracts.ts';
import { APPROVAL_ITEMS, type ApprovalItem, type Stage } from '../../../../domain/projects/project.ts';
import { isApiError, STALE_WRITE } from '../../api/client.ts';
import { projectsApi } from '../../api/projects.ts';
import { type ChartOption, EChart } from '../../charts/echart.tsx';
import { HistorySection } from '../../components/history-timeline.tsx';
import { EditButton } from '../../components/list-actions.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError, NotFoundResult } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { formatAmount, formatDate, formatMinute } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { useInvalidate } from '../org/org-queries.ts';
import { AttachmentsCard } from './project-attachments-card.tsx';
import { ProjectFormDrawer } from './project-form-drawer.tsx';
import { StageTag, useProjectLabels } from './project-labels.tsx';

type Transition = Project['can']['transitions'][number];

/** The main line of the lifecycle, drawn as steps; 暂缓 and 退库 are side states shown on it. */
const MAIN_LINE: Stage[] = ['pipeline', 'preparation', 'under_construction', 'completed', 'operating'];

const ACTION_KEYS: Record<Stage, MessageKey> = {
  pipeline: 'project.action.resume',
  preparation: 'project.action.preparation',
  under_construction: 'project.action.under_construction',
  completed: 'project.action.completed',
  operating: 'project.action.operating',
  suspended: 'project.action.suspended',
  withdrawn: 'project.action.withdrawn',
};

/** Moves the state machine never offers from here: not worth a button (the others say why they are blocked). */
const STRUCTURAL = new Set(['NOT_ALLOWED', 'ALREADY_WITHDRAWN']);

/** The cards of the page: roomy on a desktop, tight on a phone so the content keeps the width. */
function useCardProps() {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  return {
    variant: 'borderless' as const,
    size: phone ? ('small' as const) : undefined,
    styles: { body: { paddingTop: 12 } },
  };
}

function Amount({ value, unit }: { value: string | null; unit: string }) {
  if (value === null) return <>—</>;
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatAmount(value)} {unit}
    </span>
  );
}

// ── mutations: a stage change and a waiver answer with the whole project ──────────────────────────────────────
function useProjectWrite(p: Project, onRefused: (message: string) => void) {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  const onSuccess = (saved: Project) => {
    qc.setQueryData(['project', saved.id], saved);
    invalidate('projects');
  };
  const onError = (err: unknown) => {
    if (isApiError(err) && err.code === STALE_WRITE) {
      toast.warning(err.message);
      void qc.invalidateQueries({ queryKey: ['project', p.id] });
    } else if (isApiError(err) && err.status === 422) {
      onRefused(err.message);
    } else showError(err);
  };
  const transition = useMutation({
    mutationFn: (v: { to: Stage; reason?: string }) =>
      projectsApi.transition(p.id, { version: p.version, to: v.to, ...(v.reason ? { reason: v.reason } : {}) }),
    onSuccess,
    onError,
  });
  const override = useMutation({
    mutationFn: (v: { gate: GateCode; reason: string }) => projectsApi.override(p.id, { version: p.version, ...v }),
    onSuccess,
    onError,
  });
  return { transition, override };
}

/** A short text asked for before an action: the reason of 暂缓/退库 (required) or a note, the reason of a waiver. */
function ReasonModal({
  open,
  title,
  intro,
  label,
  help,
  required,
  submitting,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  intro?: ReactNode;
  label: string;
  help?: string;
  required: boolean;
  submitting: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      confirmLoading={submitting}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {intro}
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit((v.reason ?? '').trim())} preserve={false}>
        <Form.Item
          name="reason"
          label={label}
          extra={help}
          rules={required ? [{ required: true, whitespace: true, message: t('project.transitionReasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ── cards ──────────────────────────────────────────────────────────────────────────────────────────────────
function SummaryCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const labels = useProjectLabels();
  const wan = t('project.unit.wan');
  const items: DescriptionsProps['items'] = [
    {
      key: 'code',
      label: t('project.code'),
      children: p.projectCode ? <Typography.Text copyable>{p.projectCode}</Typography.Text> : '—',
    },
    {
      key: 'stage',
      label: t('project.stage'),
      children: (
        <Space size={4} wrap>
          <StageTag stage={p.stage} />
          {p.stage === 'suspended' && p.suspendedFrom && (
            <Typography.Text type="secondary">
              {t('project.suspendedFrom', { stage: labels.stage(p.suspendedFrom) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'owner', label: t('project.owner'), children: p.ownerName },
    {
      key: 'uscc',
      label: t('project.ownerUscc'),
      children: p.ownerUscc ? <Typography.Text copyable>{p.ownerUscc}</Typography.Text> : '—',
    },
    { key: 'region', label: t('project.region'), children: p.regionName },
    { key: 'unit', label: t('project.unit'), children: p.responsibleUnitName },
    { key: 'level', label: t('project.level'), children: labels.level(p.level) },
    { key: 'category', label: t('project.category'), children: labels.category(p.category) },
    { key: 'industry', label: t('project.industry'), children: p.industry ?? '—' },
    { key: 'funding', label: t('project.fundingSource'), children: labels.fundingSource(p.fundingSource) },
    { key: 'total', label: t('project.totalInvestment'), children: <Amount value={p.totalInvestment} unit={wan} /> },
    {
      key: 'annual',
      label: t('project.annualPlanOfYear', { year: p.planYear }),
      children: <Amount value={p.annualPlan} unit={wan} />,
    },
    { key: 'pstart', label: t('project.plannedStart'), children: p.plannedStartDate ?? '—' },
    { key: 'pend', label: t('project.plannedCompletion'), children: p.plannedCompletionDate ?? '—' },
    { key: 'astart', label: t('project.actualStart'), children: p.actualStartDate ?? '—' },
    { key: 'aend', label: t('project.actualCompletion'), children: p.actualCompletionDate ?? '—' },
    {
      key: 'newStart',
      label: t('project.newStart'),
      children: p.newStart === null ? '—' : p.newStart ? t('project.newStartYes') : t('project.newStartNo'),
    },
    { key: 'batch', label: t('project.batch'), children: p.groundbreakingBatch ?? '—' },
    { key: 'land', label: t('project.landArea'), children: <Amount value={p.landArea} unit={t('project.unit.mu')} /> },
    {
      key: 'output',
      label: t('project.expectedOutput'),
      children: <Amount value={p.expectedAnnualOutput} unit={wan} />,
    },
    { key: 'tax', label: t('project.expectedTax'), children: <Amount value={p.expectedAnnualTax} unit={wan} /> },
    {
      key: 'energy',
      label: t('project.energyUse'),
      children: <Amount value={p.energyUse} unit={t('project.unit.tce')} />,
    },
    {
      key: 'tags',
      label: t('project.tags'),
      span: 'filled',
      children: p.tags.length ? p.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—',
    },
    { key: 'updated', label: t('project.updatedAt'), children: formatMinute(p.updatedAt) },
  ];
  return (
    <Card title={t('project.card.summary')} {...card}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, xxl: 3 }} items={items} />
    </Card>
  );
}

function StageCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const labels = useProjectLabels();
  const screens = Grid.useBreakpoint();
  const [asking, setAsking] = useState<Transition | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { transition } = useProjectWrite(p, setRefused);
  // a refusal is about the version it was asked for: any change of the project (a waiver, an edit) clears it
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the version only
  useEffect(() => setRefused(null), [p.version]);

  const at = p.stage === 'suspended' ? (p.suspendedFrom as Stage | null) : p.stage;
  const current = at ? MAIN_LINE.indexOf(at) : -1;
  const dateOf: Partial<Record<Stage, string | null>> = {
    under_construction: p.actualStartDate,
    completed: p.actualCompletionDate,
  };
  const steps = MAIN_LINE.map((s, i) => ({
    title: labels.stage(s),
    content: dateOf[s] ?? undefined,
    status:
      p.stage === 'withdrawn'
        ? ('wait' as const)
        : i < current
          ? ('finish' as const)
          : i === current
            ? p.stage === 'suspended'
              ? ('error' as const)
              : s === 'operating'
                ? ('finish' as const)
                : ('process' as const)
            : ('wait' as const),
    subTitle: i === current && p.stage === 'suspended' ? labels.stage('suspended') : undefined,
  }));

  const offered = p.can.transitions.filter((e) => !e.blockers.some((b) => STRUCTURAL.has(b.code)));
  const forbidden = offered.length > 0 && offered.every((e) => e.blockers.some((b) => b.code === 'FORBIDDEN'));
  const actionLabel = (e: Transition) =>
    t(p.stage === 'suspended' && e.to === p.suspendedFrom ? 'project.action.resume' : ACTION_KEYS[e.to]);
  const blocked = offered.filter((e) => !e.allowed);

  const run = (e: Transition, reason?: string) => {
    setRefused(null);
    transition.mutate(
      { to: e.to, reason },
      {
        onSuccess: (saved) => {
          setAsking(null);
          toast.success(t('project.transitionDone', { stage: labels.stage(saved.stage) }));
        },
        onError: () => setAsking(null),
      },
    );
  };

  return (
    <Card title={t('project.card.stage')} {...card}>
      {p.stage === 'withdrawn' && (
        <Alert type="error" showIcon title={t('project.withdrawnNote')} style={{ marginBottom: 12 }} />
      )}
      <Steps
        size="small"
        responsive={false}
        titlePlacement={screens.md === false ? 'vertical' : 'horizontal'}
        current={p.stage === 'withdrawn' ? -1 : Math.max(current, 0)}
        items={steps}
      />
      {!forbidden && offered.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          {offered.map((e) => {
            const forward = MAIN_LINE.includes(e.to) && (current < 0 || MAIN_LINE.indexOf(e.to) >= current);
            const button = (
              <Button
                key={e.to}
                type={e.allowed && forward ? 'primary' : 'default'}
                danger={e.to === 'withdrawn'}
                disabled={!e.allowed}
                loading={transition.isPending && transition.variables?.to === e.to}
                onClick={() => setAsking(e)}
              >
                {actionLabel(e)}
              </Button>
            );
            return e.allowed ? (
              button
            ) : (
              <Tooltip key={e.to} title={e.blockers.map((b) => <div key={b.code + b.message}>{b.message}</div>)}>
                {button}
              </Tooltip>
            );
          })}
        </Space>
      )}
      {forbidden && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {offered[0]?.blockers[0]?.message}
        </Typography.Paragraph>
      )}
      {!forbidden && blocked.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="transition-blockers">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('project.blockedTitle')}
          </Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {blocked.map((e) => (
              <li key={e.to}>
                <Typography.Text strong>{actionLabel(e)}</Typography.Text>
                <Typography.Text type="warning">
                  {t('project.blockedReasons', { reasons: e.blockers.map((b) => b.message).join(';') })}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {refused && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefused(null) }}
          title={t('project.transitionRefused')}
          description={refused}
          style={{ marginTop: 12 }}
          data-testid="transition-refused"
        />
      )}
      <ReasonModal
        open={asking !== null}
        title={asking ? actionLabel(asking) : ''}
        intro={
          asking && (
            <Typography.Paragraph>
              {t('project.transitionConfirm', { from: labels.stage(p.stage), to: labels.stage(asking.to) })}
            </Typography.Paragraph>
          )
        }
        label={asking?.needsReason ? t('project.transitionReason') : t('project.transitionNote')}
        required={Boolean(asking?.needsReason)}
        submitting={transition.isPending}
        onSubmit={(reason) => asking && run(asking, reason || undefined)}
        onCancel={() => setAsking(null)}
      />
    </Card>
  );
}

function AdmissionCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const labels = useProjectLabels();
  const [waiving, setWaiving] = useState<GateCode | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { override } = useProjectWrite(p, setRefused);
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the version only
  useEffect(() => setRefused(null), [p.version]);
  const { failed, overrides } = p.admission;

  return (
    <Card title={t('project.card.admission')} {...card}>
      {failed.length === 0 ? (
        <Space>
          <CheckCircleFilled style={{ color: '#52c41a' }} aria-hidden />
          <Typography.Text>{t('project.admissionPassed')}</Typography.Text>
        </Space>
      ) : (
        <div data-testid="admission-failed">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('project.failedGates')}
          </Typography.Text>
          {failed.map((f) => (
            <div
              key={f.gate}
              style={{
                display: 'flex',
                gap: 8,
                alignItems: 'flex-start',
                padding: '8px 0',
                borderBottom: '1px solid #f5f5f5',
              }}
            >
              <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} aria-hidden />
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong>{labels.gate(f.gate)}</Typography.Text>
                <div>
                  <Typography.Text type="danger">{f.message}</Typography.Text>
                </div>
              </div>
              {p.can.override && (
                <Button size="small" onClick={() => setWaiving(f.gate as GateCode)}>
                  {t('project.override')}
                </Button>
              )}
            </div>
          ))}
        </div>
      )}
      {overrides.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('project.overrides')}
          </Typography.Text>
          {overrides.map((o) => (
            <div key={`${o.gate}-${o.at}`} style={{ padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}>
              <Space size={4} wrap>
                <Typography.Text strong>{labels.gate(o.gate)}</Typography.Text>
                <Tag color="orange">{t('project.overrideDone')}</Tag>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('project.overrideBy', { name: o.byName, at: formatMinute(o.at) })}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
      {refused && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefused(null) }}
          title={refused}
          style={{ marginTop: 12 }}
        />
      )}
      <ReasonModal
        open={waiving !== null}
        title={waiving ? t('project.overrideTitle', { gate: labels.gate(waiving) }) : ''}
        intro={
          waiving && (
            <Typography.Paragraph type="danger">{failed.find((f) => f.gate === waiving)?.message}</Typography.Paragraph>
          )
        }
        label={t('project.overrideReason')}
        help={t('project.overrideReasonHelp')}
        required
        submitting={override.isPending}
        onSubmit={(reason) =>
          waiving &&
          override.mutate(
            { gate: waiving, reason },
            {
              onSuccess: () => {
                setWaiving(null);
                toast.success(t('project.overrideDone'));
              },
              onError: () => setWaiving(null),
            },
          )
        }
        onCancel={() => setWaiving(null)}
      />
    </Card>
  );
}

type ApprovalRow = { item: ApprovalItem; done: boolean; date: string | null; docNo: string | null };

function ApprovalsCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const labels = useProjectLabels();
  const rows: ApprovalRow[] = APPROVAL_ITEMS.map((item) => {
    const s = p.approvals[item];
    return { item, done: Boolean(s?.done), date: s?.date ?? null, docNo: s?.docNo ?? null };
  });
  return (
    <Card title={t('project.card.approvals')} {...card}>
      <Table<ApprovalRow>
        size="small"
        rowKey="item"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('project.approvalItem'), dataIndex: 'item', render: (i: string) => labels.approval(i) },
          {
            title: t('common.status'),
            dataIndex: 'done',
            width: 90,
            render: (d: boolean) =>
              d ? <Tag color="success">{t('project.approvalDone')}</Tag> : <Tag>{t('project.approvalPending')}</Tag>,
          },
          { title: t('project.approvalDate'), dataIndex: 'date', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('project.approvalDocNo'),
            dataIndex: 'docNo',
            responsive: ['sm'],
            render: (v: string | null) => v ?? '—',
          },
        ]}
      />
    </Card>
  );
}

function PlanCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const plan = p.monthlyPlan;
  const option = useMemo<ChartOption | null>(() => {
    if (!plan) return null;
    const months = plan.map((_, i) => t('project.monthShort', { month: i + 1 }));
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
          if (!first) return '';
          const amount = formatAmount(plan[first.dataIndex]);
          return `${months[first.dataIndex]}<br/>${t('project.cumulativePlanValue', { amount })}`;
        },
      },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', name: t('project.unit.wan'), nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'line',
          name: t('project.cumulativePlan'),
          data: plan.map((v) => Number(v)),
          areaStyle: { opacity: 0.12 },
          symbolSize: 6,
        },
      ],
    };
  }, [plan, t]);
  return (
    <Card
      title={t('project.card.plan')}
      {...card}
      extra={
        p.annualPlan && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.planYear} · {formatAmount(p.annualPlan)} {t('project.unit.wan')}
          </Typography.Text>
        )
      }
    >
      {option ? (
        <EChart option={option} height={220} ariaLabel={t('project.card.plan')} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('project.noPlan')} />
      )}
    </Card>
  );
}

function PeopleCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const person = (x: { name: string; since: string } | null) =>
    x ? (
      <Space size={4} wrap>
        <span>{x.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('project.since', { date: formatDate(x.since) })}
        </Typography.Text>
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('project.nobody')}</Typography.Text>
    );
  return (
    <Card title={t('project.card.people')} {...card}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'lead', label: t('project.leadOfficial'), children: person(p.leadOfficial) },
          {
            key: 'team',
            label: t('project.team'),
            children: p.team.length ? (
              <Space orientation="vertical" size={0}>
                {p.team.map((m) => (
                  <span key={m.id}>{person(m)}</span>
                ))}
              </Space>
            ) : (
              person(null)
            ),
          },
          { key: 'site', label: t('project.siteCommissioner'), children: person(p.siteCommissioner) },
        ]}
      />
    </Card>
  );
}

function LocationCard({ p }: { p: Project }) {
  const t = useT();
  const card = useCardProps();
  const has = p.longitude !== null && p.latitude !== null;
  return (
    <Card title={t('project.card.location')} {...card}>
      <Space align="start">
        <EnvironmentOutlined style={{ color: has ? '#cf1322' : '#bfbfbf', marginTop: 4 }} aria-hidden />
        <div>
          <Typography.Text copyable={has ? { text: `${p.longitude},${p.latitude}` } : false}>
            {has
              ? t('project.coordinates', { lng: p.longitude!.toFixed(6), lat: p.latitude!.toFixed(6) })
              : t('project.noLocation')}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('project.mapOffline')}
            </Typography.Text>
          </div>
        </div>
      </Space>
    </Card>
  );
}

function AttachmentsSection({ projectId }: { projectId: string }) {
  return <AttachmentsCard projectId={projectId} cardProps={useCardProps()} />;
}

// ── the page ─────────────────────────────────────────────────────────────────────────────────────────────────
export function ProjectDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Project | null>(null);
  const q = useQuery({ queryKey: ['project', id], queryFn: () => projectsApi.get(id), meta: { silent: true } });
  const p = q.data;

  if (q.isLoading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!p) {
    if (isApiError(q.error) && (q.error.status === 404 || q.error.status === 400)) return <NotFoundResult />;
    return <LoadError message={q.error?.message ?? ''} onRetry={() => void q.refetch()} />;
  }

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/projects')}>
      {t('project.backToList')}
    </Button>
  );

  return (
    <Page
      title={p.name}
      extra={
        <Space wrap>
          {back}
          {p.can.edit && <EditButton onClick={() => setEditing(p)} />}
        </Space>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <SummaryCard p={p} />
            <StageCard p={p} />
            <AdmissionCard p={p} />
            <ApprovalsCard p={p} />
            <AttachmentsSection projectId={p.id} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <PeopleCard p={p} />
            <LocationCard p={p} />
            <PlanCard p={p} />
          </Space>
        </Col>
        <Col span={24}>
          <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
            <HistorySection entity="project" id={p.id} load={projectsApi.history} />
          </Card>
        </Col>
      </Row>
      <ProjectFormDrawer
        target={editing ? { mode: 'edit', project: editing } : null}
        onClose={() => setEditing(null)}
      />
    </Page>
  );
}
