import { CheckCircleOutlined, EditOutlined, LinkOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Pagination,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Skeleton,
  Space,
  Spin,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  INSTRUCTION_TEXT_MAX,
  InstructionCreate,
  InstructionListQuery,
  RESPONSE_MAX,
} from '../../../../domain/supervision/inspections-contracts.ts';
import type { InstructionKind, InstructionState } from '../../../../domain/supervision/instructions.ts';
import { type Instruction, instructionsApi } from '../../api/inspections.ts';
import { useMe } from '../../app/session.tsx';
import { cardLine } from '../../components/card-list.tsx';
import { useDrawerSize } from '../../components/drawers.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { BUSINESS_TZ, formatDate, formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { CountTiles, InstructionStateTag, UnitStateTag, useInspectionLabels } from './inspection-labels.tsx';

export const instructionPath = (id: string) => `/supervision/instructions/${id}`;
const todayInBeijing = () => dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD');

type TileKey = 'open' | 'overdue' | 'answered' | 'closed';
const TILE_COLORS: Record<TileKey, string> = {
  open: '#1d5fd6',
  overdue: '#cf1322',
  answered: '#389e0d',
  closed: 'rgba(0,0,0,0.65)',
};

/** One instruction as a card: who wrote what, by when, and where each named unit stands. */
function InstructionCard({ i }: { i: Instruction }) {
  const t = useT();
  const l = useInspectionLabels();
  return (
    <Link
      to={instructionPath(i.id)}
      data-testid="instruction-card"
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${i.overdue ? '#cf1322' : i.state === 'answered' ? '#52c41a' : '#f0f0f0'}`,
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 6 }}>
        <Typography.Text strong style={{ flex: 1 }}>
          {t('insp.instr.byLeader', { name: i.leaderName })}
        </Typography.Text>
        <InstructionStateTag state={i.state} />
      </div>
      <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ fontSize: 15, marginBottom: 6 }}>
        {i.text}
      </Typography.Paragraph>
      {i.object && cardLine(t('insp.instr.object'), i.object.label)}
      {cardLine(
        t('insp.instr.kind'),
        <>
          {l.instructionKind(i.kind)}
          {i.dueOn && ` · ${t('insp.instr.dueOn', { date: i.dueOn })}`}
          {i.overdue && (
            <Typography.Text type="danger"> · {t('insp.instr.daysOverdue', { n: i.daysOverdue })}</Typography.Text>
          )}
        </>,
      )}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 6 }}>
        {i.units.map((u) => (
          <div key={u.unitId} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', fontSize: 13 }}>
            <span style={{ flex: 'none' }}>
              <UnitStateTag state={u.state} />
            </span>
            <span style={{ minWidth: 0 }}>
              <span style={{ fontWeight: 500 }}>{u.unitName}</span>
              {u.response && (
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: '100%' }}>
                  {u.response}
                </Typography.Text>
              )}
            </span>
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8, fontSize: 12 }}>
        <Typography.Text type="secondary">{formatMinute(i.createdAt)}</Typography.Text>
        {i.can.respond && <Typography.Text type="warning">{t('insp.instr.yourTurn')}</Typography.Text>}
      </div>
    </Link>
  );
}

/** 领导批示: a leader's own on a phone (cards with each unit's answer), a unit's to answer, the 督查室's all. */
export function InstructionsPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [writing, setWriting] = useState(false);
  const [filter, setFilter] = useUrlFilter(InstructionListQuery);
  const seesAll = me.roles.includes('admin') || me.can.issueSupervision;
  // a leader and a unit start on their own; the 督查室 on everything
  const mine = filter.mine ?? !seesAll;
  const q = useQuery({
    queryKey: ['instructions', { ...filter, mine }],
    queryFn: ({ signal }) => instructionsApi.list({ ...filter, mine }, signal),
    placeholderData: keepPreviousData,
  });
  const list = q.data;
  const pick = (key: TileKey) =>
    setFilter({ ...filter, page: 1, state: filter.state === key ? undefined : (key as InstructionState) });
  const tiles = list
    ? (['open', 'overdue', 'answered', 'closed'] as TileKey[]).map((key) => ({
        key,
        label: t(`insp.instr.count.${key}`),
        value: list.counts[key],
        color: TILE_COLORS[key],
      }))
    : [];
  const emptyText = q.error ? q.error.message : filter.state ? t('common.noMatch') : t('insp.instr.empty');
  return (
    <Page
      title={t('insp.instr.title')}
      extra={
        list?.can.write && (
          <Button
            type="primary"
            icon={<EditOutlined />}
            onClick={() => setWriting(true)}
            data-testid="write-instruction"
          >
            {t('insp.instr.write')}
          </Button>
        )
      }
    >
      <Panel padding={phone ? 12 : 16}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {seesAll && (
            <Segmented<'mine' | 'all'>
              value={mine ? 'mine' : 'all'}
              block={phone}
              onChange={(v) => setFilter({ ...filter, page: 1, mine: v === 'mine' })}
              options={[
                { value: 'mine', label: t('insp.instr.box.mine') },
                { value: 'all', label: t('insp.instr.box.all') },
              ]}
            />
          )}
          {list ? (
            <CountTiles tiles={tiles} active={(filter.state as TileKey) ?? null} onPick={pick} phone={phone} />
          ) : (
            <Skeleton.Input active block style={{ height: 60 }} />
          )}
        </div>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              <Input.Search
                allowClear
                defaultValue={filter.q}
                placeholder={t('insp.instr.searchPlaceholder')}
                onSearch={(v) => setFilter({ ...filter, page: 1, q: v || undefined })}
                style={{ width: phone ? '100%' : 280 }}
              />
              {list && <Typography.Text type="secondary">{t('common.total', { total: list.total })}</Typography.Text>}
            </>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['instructions'] })}
          refreshing={q.isFetching}
        />
        {q.isLoading && <Skeleton active />}
        <div
          data-testid="instruction-cards"
          style={{
            display: 'grid',
            gap: 10,
            gridTemplateColumns: phone ? 'minmax(0, 1fr)' : 'repeat(auto-fill, minmax(340px, 1fr))',
          }}
        >
          {list?.items.map((i) => (
            <InstructionCard key={i.id} i={i} />
          ))}
        </div>
        {list && list.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />}
        {list && list.total > filter.pageSize && (
          <Pagination
            simple={phone}
            align="end"
            current={filter.page}
            pageSize={filter.pageSize}
            total={list.total}
            showTotal={(n) => t('common.total', { total: n })}
            onChange={(page) => setFilter({ ...filter, page })}
            style={{ marginTop: 12 }}
          />
        )}
      </Panel>
      <InstructionDrawer
        open={writing}
        onClose={() => setWriting(false)}
        chooseLeader={list?.can.chooseLeader ?? false}
      />
    </Page>
  );
}

// ── writing one ───────────────────────────────────────────────────────────────────────────────────────────
type ObjectType = 'none' | 'task' | 'project';
type Values = {
  leaderId?: string | null;
  kind: InstructionKind;
  text?: string;
  unitIds?: string[];
  dueOn?: Dayjs | null;
  objectType: ObjectType;
  objectId?: string | null;
};

/** A task or a project (or several), searched on the server as the user types. */
export function ObjectPicker({
  id,
  type,
  value,
  onChange,
  multiple,
}: {
  id?: string;
  type: 'task' | 'project';
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Map<string, { value: string; label: string; sub: string }>>(new Map());
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['instruction-objects', type, q],
    queryFn: () => instructionsApi.objects(type, q || undefined),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const options = (found.data?.items ?? []).map((o) => ({ value: o.id, label: o.label, sub: o.unitName }));
  const ids = value == null ? [] : Array.isArray(value) ? value : [value];
  // the chosen ones keep their labels when the search moves on
  const chosen = ids.filter((v) => !options.some((o) => o.value === v)).flatMap((v) => known.get(v) ?? []);
  return (
    <Select<string | string[], { value: string; label: string; sub: string }>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? ids : (ids[0] ?? undefined)}
      onChange={(v, opts) => {
        const list = (Array.isArray(opts) ? opts : opts ? [opts] : []) as {
          value: string;
          label: string;
          sub: string;
        }[];
        setKnown((m) => new Map([...m, ...list.map((o) => [o.value, o] as const)]));
        onChange?.(v ?? null);
      }}
      options={[...chosen, ...options]}
      placeholder={t('insp.instr.objectPlaceholder')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => !open && setSearch('')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      optionRender={(o) => (
        <div style={{ lineHeight: 1.4, whiteSpace: 'normal' }}>
          <div>{o.data.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.sub}
          </Typography.Text>
        </div>
      )}
      maxTagCount="responsive"
      style={{ width: '100%' }}
    />
  );
}

/** 写批示: the words, the units that must act, by when; optionally on a task or a project. */
function InstructionDrawer({
  open,
  onClose,
  chooseLeader,
}: {
  open: boolean;
  onClose: () => void;
  chooseLeader: boolean;
}) {
  const t = useT();
  const l = useInspectionLabels();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const size = useDrawerSize(560);
  const kind = Form.useWatch('kind', form) ?? 'act';
  const objectType = Form.useWatch('objectType', form) ?? 'none';
  const write = useMutation({
    mutationFn: instructionsApi.write,
    onSuccess: (i) => {
      void qc.invalidateQueries({ queryKey: ['instructions'] });
      toast.success(t('insp.instr.written', { n: i.units.length }));
      onClose();
      navigate(instructionPath(i.id));
    },
    onError: (err) => handleSaveError(form, err),
  });
  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const body = validateWith(form, InstructionCreate, {
      leaderId: v.leaderId ?? null,
      kind: v.kind,
      text: v.text ?? '',
      unitIds: v.unitIds ?? [],
      dueOn: v.kind === 'act' && v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
      objectType: v.objectType === 'none' ? null : v.objectType,
      objectId: v.objectType === 'none' ? null : (v.objectId ?? null),
    });
    if (body) write.mutate(body);
  };
  return (
    <Drawer
      title={t('insp.instr.write')}
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" icon={<SendOutlined />} loading={write.isPending} onClick={submit}>
            {t('insp.instr.send')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        name="write-instruction"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: 'act', objectType: 'none', dueOn: dayjs().add(7, 'day') }}
      >
        {chooseLeader && (
          <Form.Item name="leaderId" label={t('insp.instr.leader')} required>
            <EntitySelect kind="leader" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('insp.instr.kind')} required>
          <Radio.Group optionType="button" options={l.instructionKindOptions} />
        </Form.Item>
        <Form.Item name="text" label={t('insp.instr.text')} required>
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={INSTRUCTION_TEXT_MAX}
            showCount
            placeholder={t('insp.instr.textPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="unitIds" label={t('insp.instr.units')} required>
          <EntitySelect kind="unit" multiple />
        </Form.Item>
        {kind === 'act' && (
          <Form.Item name="dueOn" label={t('insp.instr.due')} required>
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly
              disabledDate={(d) => d.format('YYYY-MM-DD') < todayInBeijing()}
            />
          </Form.Item>
        )}
        <Form.Item name="objectType" label={t('insp.instr.object')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'none', label: t('insp.instr.objectNone') },
              { value: 'task', label: t('insp.instr.objectTask') },
              { value: 'project', label: t('insp.instr.objectProject') },
            ]}
            onChange={() => form.setFieldValue('objectId', null)}
          />
        </Form.Item>
        {objectType !== 'none' && (
          <Form.Item name="objectId" required>
            <ObjectPicker type={objectType} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

// ── one instruction ───────────────────────────────────────────────────────────────────────────────────────
/** 批示详情: the words, the object, each unit's answer; a named unit answers here, the leader closes it. */
export function InstructionPage() {
  const t = useT();
  const l = useInspectionLabels();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const q = useQuery({ queryKey: ['instruction', id], queryFn: () => instructionsApi.get(id) });
  const [form] = Form.useForm<{ response: string }>();
  const i = q.data;
  const mine = i?.units.find((u) => u.unitId === i.can.myUnitId);
  const done = (next: Instruction) => {
    qc.setQueryData(['instruction', id], next);
    void qc.invalidateQueries({ queryKey: ['instructions'] });
  };
  const respond = useMutation({
    mutationFn: (response: string) => instructionsApi.respond(id, response, mine!.version),
    onSuccess: (next) => {
      done(next);
      toast.success(t('insp.instr.responded'));
    },
    onError: (err) => handleSaveError(form, err, () => void q.refetch()),
  });
  const close = useMutation({
    mutationFn: () => instructionsApi.close(id, i!.version),
    onSuccess: (next) => {
      done(next);
      toast.success(t('insp.instr.closed'));
    },
    onError: (err) => {
      showError(err);
      void q.refetch();
    },
  });
  if (q.error) return <LoadError message={q.error.message} onRetry={() => void q.refetch()} />;
  if (!i) return <Skeleton active />;
  return (
    <Page
      title={t('insp.instr.detailTitle')}
      extra={
        <Space>
          <Link to="/supervision/instructions">{t('common.back')}</Link>
          {i.can.close && (
            <Popconfirm title={t('insp.instr.closeConfirm')} onConfirm={() => close.mutate()}>
              <Button icon={<CheckCircleOutlined />} loading={close.isPending} data-testid="close-instruction">
                {t('insp.instr.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Card variant="borderless" styles={{ body: { padding: phone ? 14 : 20 } }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('insp.instr.byLeader', { name: i.leaderName })}
          </Typography.Text>
          <InstructionStateTag state={i.state} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatMinute(i.createdAt)}
          </Typography.Text>
        </div>
        <Typography.Paragraph
          style={{ fontSize: 17, lineHeight: 1.8, whiteSpace: 'pre-wrap', fontFamily: 'KaiTi, STKaiti, serif' }}
          data-testid="instruction-text"
        >
          {i.text}
        </Typography.Paragraph>
        <Space orientation="vertical" size={2} style={{ fontSize: 13 }}>
          <span>
            <Typography.Text type="secondary">{t('insp.instr.kind')}:</Typography.Text>
            {l.instructionKind(i.kind)}
          </span>
          {i.dueOn && (
            <span>
              <Typography.Text type="secondary">{t('insp.instr.due')}:</Typography.Text>
              {i.dueOn}
              {i.overdue && (
                <Typography.Text type="danger">({t('insp.instr.daysOverdue', { n: i.daysOverdue })})</Typography.Text>
              )}
            </span>
          )}
          {i.object && (
            <span>
              <Typography.Text type="secondary">{t('insp.instr.object')}:</Typography.Text>
              {i.object.link ? (
                <Link to={i.object.link}>
                  <LinkOutlined /> {i.object.label}
                </Link>
              ) : (
                i.object.label
              )}
            </span>
          )}
          {i.closedAt && (
            <span>
              <Typography.Text type="secondary">{t('insp.instr.closedAt')}:</Typography.Text>
              {formatDate(i.closedAt)}
            </span>
          )}
        </Space>
      </Card>
      <Card
        variant="borderless"
        title={t('insp.instr.responses', { done: i.respondedCount, total: i.units.length })}
        styles={{ body: { padding: phone ? 12 : 20 } }}
      >
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {i.units.map((u) => (
            <div
              key={u.unitId}
              data-testid="instruction-unit"
              style={{ borderInlineStart: '3px solid #f0f0f0', paddingInlineStart: 10 }}
            >
              <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography.Text strong>{u.unitName}</Typography.Text>
                <UnitStateTag state={u.state} />
              </div>
              {u.response ? (
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                    {u.response}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('insp.instr.respondedBy', { name: u.respondedByName ?? '', time: formatMinute(u.respondedAt) })}
                  </Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {i.kind === 'read' ? t('insp.instr.noReplyNeeded') : t('insp.instr.noReply')}
                </Typography.Text>
              )}
            </div>
          ))}
        </div>
      </Card>
      {i.can.respond && mine && (
        <Card variant="borderless" title={t('insp.instr.reply')} styles={{ body: { padding: phone ? 12 : 20 } }}>
          {mine.response && (
            <Alert type="info" showIcon title={t('insp.instr.replyEditable')} style={{ marginBottom: 12 }} />
          )}
          <Form
            form={form}
            name="respond"
            layout="vertical"
            initialValues={{ response: mine.response ?? '' }}
            onFinish={(v) => respond.mutate(v.response)}
          >
            <Form.Item
              name="response"
              rules={[{ required: true, whitespace: true, message: t('insp.instr.replyRequired') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 4, maxRows: 12 }}
                maxLength={RESPONSE_MAX}
                showCount
                placeholder={t('insp.instr.replyPlaceholder')}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block={phone}
              icon={<SendOutlined />}
              loading={respond.isPending}
              data-testid="send-reply"
            >
              {mine.response ? t('insp.instr.updateReply') : t('insp.instr.sendReply')}
            </Button>
          </Form>
        </Card>
      )}
    </Page>
  );
}
