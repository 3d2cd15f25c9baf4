import {
  CheckCircleOutlined,
  CheckOutlined,
  EditOutlined,
  FlagOutlined,
  RiseOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { type ItemAction, NOTE_REQUIRED } from '../../../../domain/dispatch/items.ts';
import { ITEM_NOTE_MAX, ItemActionRequest } from '../../../../domain/dispatch/items-contracts.ts';
import { isApiError } from '../../api/client.ts';
import { dispatchItemsApi, type ItemDetail, type ItemEvent } from '../../api/dispatch-items.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { clearChangedErrors } from './item-form.tsx';
import { CategoryTag, DueCell, EscalationTag, ItemStatusTag, useItemLabels } from './item-labels.tsx';

export const itemKey = (id: string) => ['dispatch-item', id];

/** The history's colours and marks: the unit's steps in blue, the raiser's decisions, the system's escalations. */
const EVENT_LOOK: Record<string, { color: string; icon?: ReactNode }> = {
  raised: { color: 'blue', icon: <FlagOutlined /> },
  accepted: { color: 'blue', icon: <CheckOutlined /> },
  responded: { color: 'gray', icon: <EditOutlined /> },
  resolved: { color: 'green', icon: <CheckCircleOutlined /> },
  closed_out: { color: 'green', icon: <CheckCircleOutlined /> },
  reopened: { color: 'red', icon: <RollbackOutlined /> },
  escalated: { color: 'orange', icon: <RiseOutlined /> },
};

const DONE_KEYS: Record<ItemAction, MessageKey> = {
  accept: 'items.done.accept',
  respond: 'items.done.respond',
  resolve: 'items.done.resolve',
  close_out: 'items.done.close_out',
  reopen: 'items.done.reopen',
};
const NOTE_MISSING_KEYS: Partial<Record<ItemAction, MessageKey>> = {
  respond: 'items.note.requiredRespond',
  resolve: 'items.note.requiredResolve',
  reopen: 'items.note.requiredReopen',
};
const ACTION_ICONS: Record<ItemAction, ReactNode> = {
  accept: <CheckOutlined />,
  respond: <SendOutlined />,
  resolve: <CheckCircleOutlined />,
  close_out: <CheckCircleOutlined />,
  reopen: <RollbackOutlined />,
};

/** The events oldest first: the item's story read top to bottom. */
function History({ events }: { events: ItemEvent[] }) {
  const labels = useItemLabels();
  return (
    <Timeline
      data-testid="item-history"
      items={events.map((e) => ({
        key: e.id,
        color: EVENT_LOOK[e.action]?.color ?? 'gray',
        icon: EVENT_LOOK[e.action]?.icon,
        content: (
          <div data-event={e.action} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Space wrap size={[8, 0]}>
              <Typography.Text strong>{labels.event(e.action)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {e.byName}
                {e.byUnitName ? ` · ${e.byUnitName}` : ''}
              </Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
              {formatMinute(e.at)}
            </Typography.Text>
            {e.note && e.action !== 'raised' && (
              <div
                style={{
                  marginTop: 4,
                  padding: '6px 10px',
                  background: '#fafafa',
                  border: '1px solid #f0f0f0',
                  borderRadius: 4,
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-word',
                }}
              >
                {e.note}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

/**
 * The project's name, a link to the project's page when the caller may open it: the assigned unit of an item on
 * another district's project sees the item but not the project.
 */
function ProjectName({ item }: { item: ItemDetail }) {
  return item.can.viewProject ? <Link to={`/projects/${item.projectId}`}>{item.projectName}</Link> : item.projectName;
}

function Facts({ item }: { item: ItemDetail }) {
  const t = useT();
  const labels = useItemLabels();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'project', label: t('items.field.project'), children: <ProjectName item={item} />, span: 'filled' },
        { key: 'region', label: t('items.field.region'), children: item.regionName },
        { key: 'category', label: t('items.field.category'), children: labels.category(item.category) },
        { key: 'unit', label: t('items.field.assignedUnit'), children: item.assignedUnitName },
        {
          key: 'raiser',
          label: t('items.field.raisedBy'),
          children: item.raisedByUnitName ? `${item.raisedByUnitName} · ${item.raisedByName}` : item.raisedByName,
        },
        { key: 'raisedAt', label: t('items.field.raisedAt'), children: formatMinute(item.createdAt) },
        {
          key: 'source',
          label: t('items.field.source'),
          children: item.reportId ? t('items.source.report') : t('items.source.direct'),
        },
        { key: 'requested', label: t('items.field.requestedDate'), children: item.requestedDate ?? '—' },
        { key: 'due', label: t('items.field.dueDate'), children: <DueCell item={item} full /> },
        {
          key: 'escalation',
          label: t('items.field.escalation'),
          children: <EscalationTag level={item.escalationLevel} always />,
        },
        ...(item.resolvedAt
          ? [{ key: 'resolvedAt', label: t('items.field.resolvedAt'), children: formatMinute(item.resolvedAt) }]
          : []),
        ...(item.closedAt
          ? [{ key: 'closedAt', label: t('items.field.closedAt'), children: formatMinute(item.closedAt) }]
          : []),
      ]}
    />
  );
}

type NoteValues = { note?: string };

/**
 * The buttons the server says this user may press now, with one note box: a response says what was done, a
 * resolution what solved it, a reopening why; 签收 and 销号 may go without. The version read is sent back.
 */
function Actions({
  item,
  onDone,
  onStale,
}: {
  item: ItemDetail;
  onDone: (i: ItemDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const labels = useItemLabels();
  const [form] = Form.useForm<NoteValues>();
  const act = useMutation({
    mutationFn: (v: { action: ItemAction; note: string | null }) =>
      dispatchItemsApi.act(item.id, { version: item.version, action: v.action, note: v.note }),
    onSuccess: (saved, v) => {
      form.resetFields();
      onDone(saved);
      toast.success(t(DONE_KEYS[v.action]));
    },
    onError: (err) => {
      handleSaveError(form, err, onStale);
      // a step no longer possible (someone else acted, a right lost): show what is possible now
      if (isApiError(err) && (err.status === 422 || err.status === 403)) onStale();
    },
  });

  const press = (action: ItemAction) => {
    const note = (form.getFieldValue('note') as string | undefined) ?? '';
    const body = validateWith(form, ItemActionRequest, { version: item.version, action, note });
    if (!body) return;
    const missing = NOTE_MISSING_KEYS[action];
    if (NOTE_REQUIRED.includes(action) && !body.note && missing) {
      form.setFields([{ name: 'note', errors: [t(missing)] }]);
      form.scrollToField('note');
      return;
    }
    act.mutate({ action, note: body.note });
  };

  const noteRequired = item.can.actions.some((a) => NOTE_REQUIRED.includes(a));
  // what the box is for with the buttons shown: the unit's signature, its answer, or the raiser's decision
  const placeholder = item.can.actions.every((a) => a === 'accept')
    ? t('items.note.placeholderAccept')
    : item.can.actions.includes('close_out')
      ? t('items.note.placeholderRaiser')
      : t('items.note.placeholder');
  const buttons = item.can.actions.map((a) => {
    const pending = act.isPending && act.variables?.action === a;
    const primary = a === 'accept' || a === 'resolve' || a === 'close_out';
    const button = (
      <Button
        key={a}
        type={primary ? 'primary' : 'default'}
        danger={a === 'reopen'}
        icon={ACTION_ICONS[a]}
        loading={pending}
        disabled={act.isPending && !pending}
        onClick={a === 'close_out' ? undefined : () => press(a)}
        data-action={a}
      >
        {labels.action(a)}
      </Button>
    );
    return a === 'close_out' ? (
      <Popconfirm key={a} title={t('items.confirmCloseOut')} onConfirm={() => press(a)}>
        {button}
      </Popconfirm>
    ) : (
      button
    );
  });

  return (
    <Form<NoteValues>
      form={form}
      name="item-action"
      layout="vertical"
      requiredMark={false}
      onValuesChange={(changed) => clearChangedErrors(form, changed)}
    >
      <Form.Item
        name="note"
        label={t('items.note.label')}
        extra={noteRequired ? t('items.note.help') : undefined}
        // room for the count under the box
        style={{ marginBottom: 28 }}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={ITEM_NOTE_MAX}
          showCount
          placeholder={placeholder}
        />
      </Form.Item>
      <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }}>
        {buttons}
      </Space>
    </Form>
  );
}

/** One coordination item: what it is, where it stands, its history, and the steps this user may take now. */
export function ItemDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const size = useDrawerSize(640);
  const q = useQuery({
    queryKey: itemKey(id ?? ''),
    queryFn: () => dispatchItemsApi.get(id!),
    enabled: Boolean(id),
    meta: { silent: true },
  });
  const item = q.data;

  const put = (i: ItemDetail) => {
    qc.setQueryData(itemKey(i.id), i);
    void qc.invalidateQueries({ queryKey: ['dispatch-items'] });
  };
  const reload = () => void q.refetch();

  let body: ReactNode;
  if (q.isError) {
    body =
      isApiError(q.error) && q.error.status === 404 ? (
        <Result status="404" subTitle={t('common.notFound')} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={q.error.message}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
        />
      );
  } else if (!item) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    body = (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="item-detail">
        <div>
          <Space wrap size={[6, 6]} style={{ marginBottom: 8 }}>
            <ItemStatusTag status={item.status} />
            <CategoryTag category={item.category} />
            {item.escalationLevel > 0 && <EscalationTag level={item.escalationLevel} />}
            {item.overdueDays > 0 && <Tag color="red">{t('items.overdueDays', { n: item.overdueDays })}</Tag>}
          </Space>
          <Typography.Paragraph
            data-testid="item-description"
            style={{ fontSize: 16, fontWeight: 500, whiteSpace: 'pre-wrap', marginBottom: 0 }}
          >
            {item.description}
          </Typography.Paragraph>
        </div>
        <Facts item={item} />
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('items.history')}
          </Typography.Title>
          <History events={item.events} />
        </div>
      </div>
    );
  }

  const footer =
    item && item.can.actions.length > 0 ? <Actions item={item} onDone={put} onStale={reload} /> : undefined;

  return (
    <Drawer
      title={t('items.detailTitle')}
      open={Boolean(id)}
      onClose={onClose}
      size={size}
      destroyOnHidden
      footer={footer}
      styles={{ footer: { padding: '12px 16px' } }}
    >
      {body}
    </Drawer>
  );
}
