import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  FlagOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FEEDBACK_COMMENT_MAX } from '../../../../domain/tasks/feedback.ts';
import { type Confidence, TASK_EVENT_LABELS, type TaskEventAction } from '../../../../domain/tasks/model.ts';
import type { TaskDetail } from '../../../../domain/tasks/tasks-contracts.ts';
import { isApiError } from '../../api/client.ts';
import { tasksApi } from '../../api/tasks.ts';
import { useMe } from '../../app/session.tsx';
import { HistoryTimeline } from '../../components/history-timeline.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError, NotFoundResult } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { useLabel, useT } from '../../lib/i18n.ts';
import { ObjectLadderPanel } from '../supervision/object-ladder.tsx';
import { EvidenceUpload, LeadFeedbackForm, PartForm, useTaskUpdate } from './feedback-form.tsx';
import { FeedbackHistory } from './feedback-history.tsx';
import {
  FileLinks,
  Freshness,
  RatingPair,
  Reasons,
  STATUS_COLORS,
  TaskStatusTag,
  useTaskLabels,
} from './feedback-labels.tsx';

// ── the head: what the task is and where it stands ──────────────────────────────────────────────────────────
function Header({ task }: { task: TaskDetail }) {
  const t = useT();
  const labels = useTaskLabels();
  const items: DescriptionsProps['items'] = [
    { key: 'plan', label: t('tasks.detail.plan'), children: task.planTitle },
    {
      key: 'section',
      label: t('tasks.filter.section'),
      children: task.sectionTitle ? `${task.sectionLabel ?? ''}、${task.sectionTitle}` : '—',
    },
    {
      key: 'leaders',
      label: t('tasks.col.leaders'),
      children: task.leaders.length ? task.leaders.map((l) => `${l.name}(${l.title})`).join('、') : '—',
    },
    { key: 'lead', label: t('tasks.col.lead'), children: task.leadUnitName },
    {
      key: 'partners',
      label: t('tasks.col.partners'),
      children: task.partners.length ? task.partners.map((p) => p.name).join('、') : '—',
    },
    {
      key: 'deadline',
      label: t('tasks.col.deadline'),
      children: (
        <Space size={6} wrap>
          {task.deadlineText}
          {task.deadlineOn && <Typography.Text type="secondary">({task.deadlineOn})</Typography.Text>}
        </Space>
      ),
    },
    {
      key: 'target',
      label: t('tasks.detail.target'),
      children: task.targetValue ? `${task.targetValue}${task.targetUnit ?? ''}` : '—',
    },
    { key: 'claim', label: t('tasks.detail.claim'), children: labels.claim(task.claimStatus) },
    {
      key: 'fresh',
      label: t('tasks.col.freshness'),
      children: <Freshness on={task.lastAcceptedOn} today={task.today} />,
    },
    {
      key: 'ontime',
      label: t('tasks.detail.onTime'),
      children: task.cyclesDue
        ? t('tasks.detail.onTimeValue', { onTime: task.cyclesOnTime, due: task.cyclesDue })
        : '—',
    },
  ];
  return (
    <Card style={{ borderInlineStart: `4px solid ${STATUS_COLORS[task.status]}` }} data-testid="task-header">
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 8 }}>{task.number}</span>
            {task.content}
          </Typography.Title>
          <Space wrap size={[8, 6]} style={{ marginBottom: 8 }}>
            <TaskStatusTag status={task.status} />
            {task.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Space>
          <Reasons reasons={task.reasons} />
        </div>
        <div style={{ width: 200 }}>
          <Typography.Text type="secondary">{t('tasks.col.completion')}</Typography.Text>
          <Progress
            percent={task.completionPct ?? 0}
            strokeColor={STATUS_COLORS[task.status]}
            format={(p) => (task.completionPct === null ? '—' : `${p}%`)}
          />
          {task.expectedPct !== null && task.status !== 'done' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.completion.expected', { pct: task.expectedPct })}
            </Typography.Text>
          )}
        </div>
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={items} style={{ marginTop: 12 }} />
    </Card>
  );
}

// ── the two ratings ─────────────────────────────────────────────────────────────────────────────────────────
function Ratings({ task }: { task: TaskDetail }) {
  const t = useT();
  const labels = useTaskLabels();
  const update = useTaskUpdate(task.id);
  const rate = useMutation({
    mutationFn: (rating: Confidence | null) => tasksApi.rate(task.id, { rating, version: task.version }),
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.rating.saved'));
    },
    onError: async (e) => {
      showError(e);
      if (isApiError(e) && e.status === 409) update(await tasksApi.get(task.id));
    },
  });
  return (
    <Card
      title={t('tasks.rating.title')}
      size="small"
      data-testid="task-ratings"
      style={task.ratingsDivergent ? { borderColor: '#ffd591', background: '#fffbf0' } : undefined}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <RatingPair unit={task.unitConfidence} supervisor={task.supervisorRating} divergent={task.ratingsDivergent} />
        {task.ratingsDivergent && <Alert type="warning" showIcon title={t('tasks.rating.divergentHelp')} />}
        {task.can.rate && (
          <Space wrap>
            <Typography.Text>{t('tasks.rating.set')}</Typography.Text>
            <Select<Confidence | 'none'>
              style={{ minWidth: 140 }}
              value={task.supervisorRating ?? 'none'}
              loading={rate.isPending}
              onChange={(v) => rate.mutate(v === 'none' ? null : v)}
              options={[{ value: 'none', label: t('tasks.rating.none') }, ...labels.confidenceOptions]}
              aria-label={t('tasks.rating.set')}
            />
          </Space>
        )}
      </Space>
    </Card>
  );
}

// ── 销号 ───────────────────────────────────────────────────────────────────────────────────────────────────
function TextModal({
  open,
  title,
  label,
  requiredMessage,
  okText,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  requiredMessage: string;
  okText: string;
  onClose: () => void;
  onSubmit: (text: string) => Promise<unknown>;
}) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const ok = () =>
    form.validateFields().then(async (v) => {
      setBusy(true);
      try {
        await onSubmit(v.text);
        form.resetFields();
        onClose();
      } catch (e) {
        handleSaveError(form, e);
        const f = isApiError(e) ? e.fields : [];
        if (f.some((x) => x.path === 'note' || x.path === 'reason')) {
          form.setFields([{ name: 'text', errors: f.map((x) => x.message) }]);
        }
      } finally {
        setBusy(false);
      }
    });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, message: requiredMessage }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={FEEDBACK_COMMENT_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const hasDoneCard = (task: TaskDetail) =>
  Boolean(
    task.doneAt || task.doneRequestedAt || task.doneRefusedReason || task.can.requestDone || task.doneFiles.length,
  );

function Done({ task }: { task: TaskDetail }) {
  const t = useT();
  const update = useTaskUpdate(task.id);
  const [asking, setAsking] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const confirm = useMutation({
    mutationFn: () => tasksApi.confirmDone(task.id),
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.done.confirmedToast'));
    },
    onError: (e) => showError(e),
  });
  const pending = task.doneRequestedAt !== null && task.doneAt === null;
  if (!hasDoneCard(task)) return null;
  return (
    <Card title={t('tasks.done.title')} size="small" data-testid="task-done">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {task.doneAt && (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            title={t('tasks.done.doneAt', { at: formatMinute(task.doneAt), by: task.doneConfirmedByName ?? '' })}
            description={task.doneRequestNote ?? undefined}
          />
        )}
        {pending && (
          <Alert
            type="info"
            showIcon
            icon={<ClockCircleOutlined />}
            title={t('tasks.done.pending', {
              at: formatMinute(task.doneRequestedAt),
              by: task.doneRequestedByName ?? '',
            })}
            description={task.doneRequestNote}
          />
        )}
        {!pending && !task.doneAt && task.doneRefusedReason && (
          <Alert
            type="warning"
            showIcon
            icon={<CloseCircleOutlined />}
            title={t('tasks.done.refused')}
            description={task.doneRefusedReason}
          />
        )}
        <FileLinks files={task.doneFiles} />
        <Space wrap>
          {task.can.requestDone && (
            <>
              <EvidenceUpload
                upload={(file) => tasksApi.uploadDoneEvidence(task.id, file).then(update)}
                hint={t('tasks.done.evidenceHint')}
              />
              <Button type="primary" icon={<FlagOutlined />} onClick={() => setAsking(true)} data-testid="done-request">
                {t('tasks.done.request')}
              </Button>
            </>
          )}
          {task.can.confirmDone && (
            <>
              <Popconfirm
                title={t('tasks.done.confirmQuestion')}
                onConfirm={() => confirm.mutate()}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  loading={confirm.isPending}
                  data-testid="done-confirm"
                >
                  {t('tasks.done.confirm')}
                </Button>
              </Popconfirm>
              <Button danger icon={<CloseCircleOutlined />} onClick={() => setRefusing(true)} data-testid="done-refuse">
                {t('tasks.done.refuse')}
              </Button>
            </>
          )}
        </Space>
      </Space>
      <TextModal
        open={asking}
        title={t('tasks.done.request')}
        label={t('tasks.done.note')}
        requiredMessage={t('tasks.done.noteRequired')}
        okText={t('tasks.done.request')}
        onClose={() => setAsking(false)}
        onSubmit={async (note) => {
          update(await tasksApi.requestDone(task.id, note));
          toast.success(t('tasks.done.requestedToast'));
        }}
      />
      <TextModal
        open={refusing}
        title={t('tasks.done.refuse')}
        label={t('tasks.done.reason')}
        requiredMessage={t('tasks.done.reasonRequired')}
        okText={t('tasks.done.refuse')}
        onClose={() => setRefusing(false)}
        onSubmit={async (reason) => {
          update(await tasksApi.refuseDone(task.id, reason));
          toast.success(t('tasks.done.refusedToast'));
        }}
      />
    </Card>
  );
}

function Milestones({ task }: { task: TaskDetail }) {
  const t = useT();
  if (task.milestones.length === 0) return null;
  return (
    <Card title={t('tasks.milestones.title')} size="small">
      <Timeline
        items={task.milestones.map((m) => ({
          key: m.id,
          color: m.doneOn ? 'green' : m.overdue ? 'red' : 'blue',
          content: (
            <Space wrap size={6}>
              <span>{m.title}</span>
              <Typography.Text type="secondary">{t('tasks.milestones.due', { date: m.dueOn })}</Typography.Text>
              {m.doneOn ? (
                <Tag color="green">{t('tasks.milestones.done', { date: m.doneOn })}</Tag>
              ) : m.overdue ? (
                <Tag color="red">{t('tasks.milestones.overdue')}</Tag>
              ) : null}
            </Space>
          ),
        }))}
      />
    </Card>
  );
}

/** 办理过程: the task's events, newest first. */
function Events({ task }: { task: TaskDetail }) {
  const t = useT();
  const events = [...task.events].reverse();
  const label = useLabel();
  const actionLabel = (a: string) => label(TASK_EVENT_LABELS[a as TaskEventAction], a);
  if (events.length === 0) return <Typography.Text type="secondary">{t('tasks.history.empty')}</Typography.Text>;
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        content: (
          <div>
            <Space wrap size={[8, 2]}>
              <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>
              <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
              <Tag>{e.byUnitName ? `${e.byUnitName} ${e.byName}` : e.byName}</Tag>
            </Space>
            {e.note && <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.65)' }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** 任务详情: status and why, both ratings, the feedback to write or review, 销号, the ladder and the history. */
export function TaskPage() {
  const t = useT();
  const me = useMe();
  const { id = '' } = useParams();
  const phone = Grid.useBreakpoint().md === false;
  const q = useQuery({ queryKey: ['task', id], queryFn: () => tasksApi.get(id), enabled: id !== '' });
  const task = q.data;
  const back = (
    <Link to="/tasks">
      <Button icon={<ArrowLeftOutlined />}>{t('tasks.backToList')}</Button>
    </Link>
  );
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <NotFoundResult />;
    return (
      <Page title={t('tasks.detail.title')} extra={back}>
        <LoadError message={q.error.message} onRetry={() => void q.refetch()} />
      </Page>
    );
  }
  if (!task) {
    return (
      <Page title={t('tasks.detail.title')} extra={back}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Page>
    );
  }
  return (
    <Page title={t('tasks.detail.titleWith', { number: task.number })} extra={back}>
      <Header task={task} />
      {task.can.claim && (
        <Alert
          type="info"
          showIcon
          title={t('tasks.claim.pending', { date: task.claimDueOn })}
          action={
            <Link to="/tasks/claims">
              <Button size="small" type="primary">
                {t('tasks.claim.go')}
              </Button>
            </Link>
          }
        />
      )}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: phone || !hasDoneCard(task) ? '1fr' : 'minmax(0, 1fr) minmax(0, 1fr)',
          gap: 12,
        }}
      >
        <Ratings task={task} />
        <Done task={task} />
      </div>
      <Milestones task={task} />
      {task.can.writeFeedback && <LeadFeedbackForm task={task} />}
      {task.can.writePart && <PartForm task={task} unitId={me.unit.id} />}
      <Card title={t('tasks.history.title')} size={phone ? 'small' : undefined}>
        <FeedbackHistory task={task} />
      </Card>
      {/* ladder panel */}
      <ObjectLadderPanel objectType="task" objectId={task.id} objectLabel={`${task.number} ${task.content}`} />
      <Card size={phone ? 'small' : undefined}>
        <Tabs
          items={[
            { key: 'events', label: t('tasks.events.title'), children: <Events task={task} /> },
            {
              key: 'audit',
              label: t('history.title'),
              children: <HistoryTimeline entity="task" id={task.id} load={tasksApi.history} />,
            },
          ]}
        />
      </Card>
    </Page>
  );
}
