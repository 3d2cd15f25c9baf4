import { CheckCircleOutlined, DownloadOutlined, MessageOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { LONG_TEXT_MAX, StepRespond } from '../../../../domain/supervision/ladder-contracts.ts';
import type { SupervisableType } from '../../../../domain/supervision/model.ts';
import { type LadderStep, supervisionApi } from '../../api/supervision.ts';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { type IssuePreset, LadderIssueDrawer } from './ladder-issue-drawer.tsx';
import { STEP_COLORS, StepStatusTag, StepTag } from './ladder-labels.tsx';

/** Downloads the 督办单 of an order. */
export function useOrderDocx() {
  return useMutation({
    mutationFn: (s: Pick<LadderStep, 'id' | 'number'>) =>
      supervisionApi.orderDocx(s.id).then((f) => saveFile(f, `督办单-${s.number ?? s.id}.docx`)),
    onError: (e) => showError(e),
  });
}

/** 答复: the addressed unit's answer to a step (it may amend it until the step is closed). */
export function RespondModal({ step, onClose }: { step: LadderStep | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ response: string }>();
  const respond = useMutation({
    mutationFn: (v: StepRespond) => supervisionApi.respond(step!.id, v.response, step!.version),
    onSuccess: () => {
      toast.success(t('sup.respond.done'));
      qc.invalidateQueries({ queryKey: ['sup-steps'] });
      qc.invalidateQueries({ queryKey: ['sup-inbox'] });
      onClose();
    },
    onError: (e) => handleSaveError(form, e, () => qc.invalidateQueries({ queryKey: ['sup-steps'] })),
  });
  return (
    <Modal
      open={step !== null}
      title={t('sup.respond.title', { step: step?.number ?? step?.objectLabel ?? '' })}
      onCancel={onClose}
      onOk={() => {
        const v = validateWith(form, StepRespond, form.getFieldsValue());
        if (v) respond.mutate(v);
      }}
      okText={t('sup.respond.submit')}
      confirmLoading={respond.isPending}
      destroyOnHidden
    >
      {step && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {step.requirement ?? step.reason}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ response: step?.response ?? '' }} preserve={false}>
        <Form.Item name="response" label={t('sup.field.response')} required>
          <Input.TextArea rows={5} maxLength={LONG_TEXT_MAX} showCount placeholder={t('sup.respond.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 办结 (the supervisor closes a step). */
export function useCloseStep() {
  const t = useT();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: LadderStep) => supervisionApi.close(s.id, s.version),
    onSuccess: () => {
      toast.success(t('sup.close.done'));
      qc.invalidateQueries({ queryKey: ['sup-steps'] });
      qc.invalidateQueries({ queryKey: ['sup-board'] });
    },
    onError: (e) => showError(e),
  });
}

/** One step's facts: why, what is required, by when, the rung's own fields and the unit's answer. */
export function StepBody({ s }: { s: LadderStep }) {
  const t = useT();
  const line = (label: string, value: string | null, danger = false) =>
    value ? (
      <div>
        <Typography.Text type="secondary">{label}:</Typography.Text>
        <Typography.Text type={danger ? 'danger' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
          {value}
        </Typography.Text>
      </div>
    ) : null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {line(t('sup.field.reason'), s.reason)}
      {s.skipReason && (
        <Alert
          type="warning"
          showIcon
          style={{ padding: '2px 8px' }}
          title={`${t('sup.field.skipReason')}:${s.skipReason}`}
        />
      )}
      {line(t('sup.field.requirement'), s.requirement)}
      {line(t('sup.field.dueOn'), s.dueOn ? `${s.dueOn}${s.overdue ? ` (${t('sup.overdue')})` : ''}` : null, s.overdue)}
      {line(t('sup.field.meetingOn'), s.meetingOn)}
      {line(t('sup.field.participants'), s.participants)}
      {line(t('sup.field.record'), s.record)}
      {line(t('sup.field.decision'), s.decision)}
      {line(t('sup.field.decisionRef'), s.decisionRef)}
      {s.response && (
        <div style={{ background: 'rgba(22,119,255,0.06)', padding: '6px 10px', borderRadius: 6, marginTop: 4 }}>
          <Typography.Text strong>{t('sup.field.response')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {s.respondedByName} · {formatMinute(s.respondedAt)}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.response}</Typography.Paragraph>
        </div>
      )}
      {s.closedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sup.closedBy', { name: s.closedByName ?? '', at: formatMinute(s.closedAt) })}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * The ladder of one object (a task, a project, an item…) as a timeline, oldest first: each step with who issued it,
 * when and why, and the unit's answer. 发起 for the supervisor; 答复 for the addressed unit; 办结 and the 督办单.
 * A unit sees only the steps addressed to it.
 */
export function ObjectLadderPanel({
  objectType,
  objectId,
  objectLabel,
  bordered = true,
}: {
  objectType: SupervisableType;
  objectId: string;
  /** shown in the issue drawer (the server records the object's own label) */
  objectLabel?: string;
  bordered?: boolean;
}) {
  const t = useT();
  const q = useQuery({
    queryKey: ['sup-steps', 'object', objectType, objectId],
    queryFn: () => supervisionApi.steps({ objectType, objectId, pageSize: 200 }),
  });
  const [issuing, setIssuing] = useState<IssuePreset | null>(null);
  const [responding, setResponding] = useState<LadderStep | null>(null);
  const close = useCloseStep();
  const docx = useOrderDocx();

  const steps = [...(q.data?.items ?? [])].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  const canIssue = q.data?.can.issue ?? false;

  const body = q.isLoading ? (
    <Skeleton active paragraph={{ rows: 3 }} />
  ) : q.isError ? (
    <Alert type="error" showIcon title={q.error.message} />
  ) : steps.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.ladder.empty')} />
  ) : (
    <Timeline
      data-testid="object-ladder"
      items={steps.map((s) => ({
        key: s.id,
        color: s.step === 'notice' && s.polarity === 'commending' ? 'green' : STEP_COLORS[s.step],
        content: (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid={`ladder-step-${s.step}`}>
            <Space wrap size={[8, 4]}>
              <StepTag step={s.step} polarity={s.polarity} />
              {s.number && <Typography.Text strong>{s.number}</Typography.Text>}
              <StepStatusTag status={s.status} />
              <Typography.Text type="secondary">
                {t('sup.ladder.issued', {
                  name: s.origin === 'manual' ? s.issuedByName : t('sup.ladder.auto'),
                  at: formatMinute(s.issuedAt),
                  unit: s.unitName,
                })}
              </Typography.Text>
            </Space>
            <StepBody s={s} />
            <Space wrap size={8}>
              {s.can.respond && (
                <Button
                  size="small"
                  type={s.status === 'open' ? 'primary' : 'default'}
                  icon={<MessageOutlined />}
                  onClick={() => setResponding(s)}
                >
                  {s.response ? t('sup.respond.amend') : t('sup.respond.button')}
                </Button>
              )}
              {s.can.orderDocx && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={docx.isPending}
                  onClick={() => docx.mutate(s)}
                >
                  {t('sup.orderDocx')}
                </Button>
              )}
              {s.can.close && (
                <Popconfirm title={t('sup.close.confirm')} onConfirm={() => close.mutate(s)}>
                  <Button size="small" icon={<CheckCircleOutlined />}>
                    {t('sup.close.button')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </div>
        ),
      }))}
    />
  );

  const extra = canIssue ? (
    <Button
      type="primary"
      size="small"
      icon={<SendOutlined />}
      onClick={() => setIssuing({ objectType, objectId, objectLabel: objectLabel ?? steps[0]?.objectLabel })}
      data-testid="ladder-issue"
    >
      {t('sup.issue.button')}
    </Button>
  ) : null;

  return (
    <>
      {bordered ? (
        <Card title={t('sup.ladder.title')} extra={extra} size="small">
          {body}
        </Card>
      ) : (
        <div>
          {extra && <div style={{ textAlign: 'right', marginBottom: 8 }}>{extra}</div>}
          {body}
        </div>
      )}
      <LadderIssueDrawer open={issuing !== null} preset={issuing ?? {}} onClose={() => setIssuing(null)} />
      <RespondModal step={responding} onClose={() => setResponding(null)} />
    </>
  );
}
