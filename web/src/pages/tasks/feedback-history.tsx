import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FEEDBACK_COMMENT_MAX } from '../../../../domain/tasks/feedback.ts';
import type { Feedback, FeedbackCycle, TaskDetail } from '../../../../domain/tasks/tasks-contracts.ts';
import { tasksApi } from '../../api/tasks.ts';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { PartsList, useTaskUpdate } from './feedback-form.tsx';
import { ConfidenceTag, FeedbackStatusTag, FileLinks } from './feedback-labels.tsx';

/** 退回: the 督查室 writes what must be changed. */
function ReturnModal({
  task,
  feedback,
  onClose,
}: {
  task: TaskDetail;
  feedback: Feedback | null;
  onClose: () => void;
}) {
  const t = useT();
  const update = useTaskUpdate(task.id);
  const [form] = Form.useForm<{ comment: string }>();
  const send = useMutation({
    mutationFn: (v: { comment: string }) =>
      tasksApi.returnFeedback(task.id, feedback!.cycle, v.comment ?? '', feedback!.version),
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.review.returnedToast'));
      form.resetFields();
      onClose();
    },
    onError: (e) => handleSaveError(form, e, async () => update(await tasksApi.get(task.id))),
  });
  return (
    <Modal
      open={feedback !== null}
      title={t('tasks.review.returnTitle', { cycle: feedback?.cycleLabel ?? '' })}
      okText={t('tasks.review.return')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={() => form.validateFields().then((v) => send.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={t('tasks.review.comment')}
          rules={[{ required: true, whitespace: true, message: t('tasks.review.commentRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={FEEDBACK_COMMENT_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const TEXT_KEYS = ['progress', 'problems', 'nextSteps'] as const;

function FeedbackBody({ f }: { f: Feedback }) {
  const t = useT();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {TEXT_KEYS.map((k) => (
        <div key={k}>
          <Typography.Text type="secondary">{t(`tasks.fb.${k}`)}:</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{f[k] || '—'}</span>
        </div>
      ))}
      <Space wrap size={[12, 4]}>
        <span>
          <Typography.Text type="secondary">{t('tasks.fb.completion')}:</Typography.Text>
          {f.completionPct}%
        </span>
        {f.quantValue !== null && (
          <span>
            <Typography.Text type="secondary">{t('tasks.fb.quantValueShort')}:</Typography.Text>
            {f.quantValue}
          </span>
        )}
        <span>
          <Typography.Text type="secondary">{t('tasks.fb.confidence')}:</Typography.Text>
          <ConfidenceTag value={f.confidence} />
        </span>
      </Space>
      <FileLinks files={f.files} />
    </div>
  );
}

/**
 * The feedback by cycle, newest first: the lead's three parts with the partners' parts inline, who sent and who
 * reviewed it, on time or late; the 督查室 returns (with a comment) or accepts a submitted one here.
 */
export function FeedbackHistory({ task }: { task: TaskDetail }) {
  const t = useT();
  const update = useTaskUpdate(task.id);
  const [returning, setReturning] = useState<Feedback | null>(null);
  const accept = useMutation({
    mutationFn: (f: Feedback) => tasksApi.accept(task.id, f.cycle, f.version),
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.review.acceptedToast'));
    },
    onError: (e) => showError(e),
  });
  const cycles = task.cycles.filter((c) => c.feedback || c.parts.length > 0);
  if (cycles.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.history.empty')} />;

  const card = (c: FeedbackCycle) => {
    const f = c.feedback;
    const reviewable = task.can.review && f?.status === 'submitted';
    return (
      <Card
        key={c.cycle}
        size="small"
        data-testid="feedback-cycle"
        data-cycle={c.cycle}
        title={
          <Space wrap size={6}>
            <span>{c.cycleLabel}</span>
            <FeedbackStatusTag status={f?.status ?? null} />
            {f?.onTime === true && <Tag color="green">{t('tasks.history.onTime')}</Tag>}
            {f?.onTime === false && <Tag color="orange">{t('tasks.history.late')}</Tag>}
          </Space>
        }
        extra={
          reviewable ? (
            <Space>
              <Button
                size="small"
                icon={<RollbackOutlined />}
                onClick={() => setReturning(f)}
                data-testid="review-return"
              >
                {t('tasks.review.return')}
              </Button>
              <Popconfirm
                title={t('tasks.review.acceptConfirm')}
                onConfirm={() => accept.mutate(f)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button
                  size="small"
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={accept.isPending}
                  data-testid="review-accept"
                >
                  {t('tasks.review.accept')}
                </Button>
              </Popconfirm>
            </Space>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.history.due', { date: c.dueOn })}
            </Typography.Text>
          )
        }
      >
        {f ? <FeedbackBody f={f} /> : <Typography.Text type="secondary">{t('tasks.history.noLead')}</Typography.Text>}
        {c.parts.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <PartsList parts={c.parts} />
          </div>
        )}
        {f && (
          <div
            style={{
              marginTop: 8,
              fontSize: 12,
              color: 'rgba(0,0,0,0.45)',
              display: 'flex',
              flexWrap: 'wrap',
              gap: 12,
            }}
          >
            {f.submittedAt && (
              <span>
                {t('tasks.history.submitted', { name: f.submittedByName ?? '', at: formatMinute(f.submittedAt) })}
              </span>
            )}
            {f.reviewedAt && (
              <span>
                {t(f.status === 'returned' ? 'tasks.history.returnedBy' : 'tasks.history.reviewedBy', {
                  name: f.reviewedByName ?? '',
                  at: formatMinute(f.reviewedAt),
                })}
              </span>
            )}
          </div>
        )}
        {f?.returnComment && f.status === 'returned' && (
          <Typography.Paragraph type="warning" style={{ marginTop: 6, marginBottom: 0 }}>
            {t('tasks.history.returnComment', { comment: f.returnComment })}
          </Typography.Paragraph>
        )}
      </Card>
    );
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {cycles.map(card)}
      <ReturnModal task={task} feedback={returning} onClose={() => setReturning(null)} />
    </div>
  );
}
