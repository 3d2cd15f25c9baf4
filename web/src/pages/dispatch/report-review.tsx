import { Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AmendmentDecision, RETURN_REASON_MAX, ReportReturn } from '../../../../domain/dispatch/contracts.ts';
import type { Amendment } from '../../api/dispatch-reports.ts';
import { zodRule } from '../../lib/form.ts';
import { formatAmount, formatMinute } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';

/** A short text asked for before an action: 退回's reason (required) or 不同意's note (optional). */
export function ReasonModal({
  open,
  title,
  label,
  placeholder,
  required,
  okText,
  submitting,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  label: string;
  placeholder?: string;
  required: boolean;
  okText: string;
  submitting: boolean;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ text?: string }>();
  const rule = required ? ReportReturn.shape.reason : AmendmentDecision.shape.note;
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: required, loading: submitting }}
      onOk={async () => {
        const v = await form.validateFields();
        onSubmit(v.text?.trim() ?? '');
      }}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="text"
          label={label}
          required={required}
          rules={[zodRule(rule, (v) => (required ? (v ?? '') : v ? v : null))]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={RETURN_REASON_MAX}
            showCount
            placeholder={placeholder}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FIELD_LABELS: [keyof FigureRecord, MessageKey][] = [
  ['investedThisWeek', 'dispatch.report.invested'],
  ['visibleProgress', 'dispatch.report.visibleProgress'],
  ['workersOnSite', 'dispatch.report.workers'],
  ['milestone', 'dispatch.report.milestone'],
];
type FigureRecord = {
  investedThisWeek?: unknown;
  visibleProgress?: unknown;
  workersOnSite?: unknown;
  milestone?: unknown;
};

const STATUS_TAGS: Record<Amendment['status'], { color: string; key: MessageKey }> = {
  pending: { color: 'processing', key: 'dispatch.amend.status.pending' },
  approved: { color: 'success', key: 'dispatch.amend.status.approved' },
  rejected: { color: 'default', key: 'dispatch.amend.status.rejected' },
};

/** 更正记录 (newest first, as the server sends them): every amendment with its reason and each figure before → after; the pending one can be decided here. */
export function AmendmentHistory({
  amendments,
  canDecide,
  deciding,
  onDecide,
  phone,
}: {
  amendments: Amendment[];
  canDecide: boolean;
  deciding: boolean;
  onDecide: (a: Amendment, approve: boolean, note: string | null) => void;
  phone: boolean;
}) {
  const t = useT();
  const [rejecting, setRejecting] = useState<Amendment | null>(null);
  if (amendments.length === 0) return null;
  const show = (field: keyof FigureRecord, v: unknown) => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'investedThisWeek') return `${formatAmount(String(v))} ${t('dispatch.unitWan')}`;
    if (field === 'workersOnSite') return `${String(v)} ${t('dispatch.report.workersUnit')}`;
    return String(v);
  };
  return (
    <Card
      variant="borderless"
      size={phone ? 'small' : undefined}
      title={t('dispatch.amend.history')}
      styles={{ body: { paddingTop: 12 } }}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {amendments.map((a, i) => {
          const before = a.before as FigureRecord;
          const after = a.proposed as FigureRecord;
          const rows = FIELD_LABELS.map(([field, key]) => ({
            field,
            label: t(key),
            before: show(field, before[field]),
            after: show(field, after[field]),
          }));
          const tag = STATUS_TAGS[a.status];
          return (
            <section
              key={a.id}
              data-testid="amendment"
              style={i > 0 ? { borderTop: '1px solid #f0f0f0', paddingTop: 12 } : undefined}
            >
              <Space wrap size={8} style={{ marginBottom: 6 }}>
                <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>
                  {t(tag.key)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dispatch.amend.requestedBy', { name: a.requestedByName, time: formatMinute(a.requestedAt) })}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t('dispatch.amend.reason')}:</Typography.Text>
                {a.reason}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="field"
                pagination={false}
                dataSource={rows}
                onRow={(r) => ({ style: r.before !== r.after ? { background: '#fffbe6' } : undefined })}
                columns={[
                  { title: t('dispatch.amend.item'), dataIndex: 'label', width: phone ? 84 : 120 },
                  { title: t('dispatch.amend.before'), dataIndex: 'before' },
                  {
                    title: t('dispatch.amend.after'),
                    dataIndex: 'after',
                    render: (v: string, r) =>
                      r.before !== r.after ? <Typography.Text strong>{v}</Typography.Text> : v,
                  },
                ]}
              />
              {a.decidedAt && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
                  {t('dispatch.amend.decidedBy', { name: a.decidedByName ?? '', time: formatMinute(a.decidedAt) })}
                  {a.decisionNote ? `:${a.decisionNote}` : ''}
                </Typography.Paragraph>
              )}
              {a.status === 'pending' && canDecide && (
                <Space style={{ marginTop: 8 }}>
                  <Popconfirm title={t('dispatch.amend.confirmApprove')} onConfirm={() => onDecide(a, true, null)}>
                    <Button type="primary" loading={deciding}>
                      {t('dispatch.amend.approve')}
                    </Button>
                  </Popconfirm>
                  <Button danger onClick={() => setRejecting(a)} disabled={deciding}>
                    {t('dispatch.amend.reject')}
                  </Button>
                </Space>
              )}
            </section>
          );
        })}
      </Space>
      <ReasonModal
        open={rejecting !== null}
        title={t('dispatch.amend.rejectTitle')}
        label={t('dispatch.amend.note')}
        required={false}
        okText={t('dispatch.amend.reject')}
        submitting={deciding}
        onCancel={() => setRejecting(null)}
        onSubmit={(note) => {
          if (rejecting) onDecide(rejecting, false, note || null);
          setRejecting(null);
        }}
      />
    </Card>
  );
}
