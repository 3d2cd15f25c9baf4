import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  FileWordOutlined,
  PlusOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Popconfirm,
  Progress,
  Radio,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { CompareTo } from '../../../../domain/supervision/inspections.ts';
import {
  ChecklistPut,
  type InspectionStatus,
  InspectionUpdate,
  TargetsAdd,
  TeamInput,
} from '../../../../domain/supervision/inspections-contracts.ts';
import {
  type AnswerType,
  type InspectionKind,
  PROBLEM_KINDS,
  type ProblemKind,
} from '../../../../domain/supervision/model.ts';
import { type Inspection, type InspectionReport, inspectionsApi, type Target } from '../../api/inspections.ts';
import { EChart } from '../../charts/echart.tsx';
import { FormDrawer } from '../../components/drawers.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { CampaignStatusTag, ProblemTags, RectStatusTag, useInspectionLabels } from './inspection-labels.tsx';
import { ObjectPicker } from './instructions-page.tsx';

export const findingPath = (id: string, targetId: string) => `/supervision/inspections/${id}/targets/${targetId}`;

type TabKey = 'checklist' | 'teams' | 'targets' | 'progress' | 'report';

function useCampaign(id: string) {
  return useQuery({ queryKey: ['inspection', id], queryFn: () => inspectionsApi.get(id) });
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return (next?: Inspection) => {
    if (next) qc.setQueryData(['inspection', id], next);
    void qc.invalidateQueries({ queryKey: ['inspection', id] });
    void qc.invalidateQueries({ queryKey: ['inspection-targets', id] });
    void qc.invalidateQueries({ queryKey: ['inspection-report', id] });
    void qc.invalidateQueries({ queryKey: ['inspections'] });
  };
}

// ── header and edit ───────────────────────────────────────────────────────────────────────────────────────
type EditValues = {
  title?: string;
  kind?: InspectionKind;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  status?: InspectionStatus;
};

function EditDrawer({ c, open, onClose }: { c: Inspection; open: boolean; onClose: () => void }) {
  const t = useT();
  const l = useInspectionLabels();
  const refresh = useRefresh(c.id);
  const [form] = Form.useForm<EditValues>();
  const save = useMutation({
    mutationFn: (body: Parameters<typeof inspectionsApi.update>[1]) => inspectionsApi.update(c.id, body),
    onSuccess: (next) => {
      refresh(next);
      toast.success(t('common.saved'));
      onClose();
    },
    onError: (err) => handleSaveError(form, err, () => refresh()),
  });
  const submit = () => {
    const v = form.getFieldsValue();
    const body = validateWith(form, InspectionUpdate, {
      version: c.version,
      title: v.title ?? '',
      kind: v.kind,
      startsOn: v.startsOn?.format('YYYY-MM-DD'),
      endsOn: v.endsOn?.format('YYYY-MM-DD'),
      status: v.status,
    });
    if (body) save.mutate(body);
  };
  return (
    <FormDrawer
      title={t('insp.detail.edit')}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      submitting={save.isPending}
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        name="edit-inspection"
        initialValues={{
          title: c.title,
          kind: c.kind,
          startsOn: dayjs(c.startsOn),
          endsOn: dayjs(c.endsOn),
          status: c.status,
        }}
      >
        <Form.Item name="title" label={t('insp.field.title')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('insp.field.kind')} required>
          <Radio.Group optionType="button" options={l.kindOptions} />
        </Form.Item>
        <Form.Item name="startsOn" label={t('insp.field.startsOn')} required>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="endsOn" label={t('insp.field.endsOn')} required>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')} required>
          <Radio.Group optionType="button" options={l.statusOptions} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

// ── checklist ─────────────────────────────────────────────────────────────────────────────────────────────
type ChecklistRow = {
  id: string | null;
  label: string;
  answerType: AnswerType;
  compareTo: CompareTo | null;
  required: boolean;
  answered: boolean;
};

function ChecklistTab({ c, phone }: { c: Inspection; phone: boolean }) {
  const t = useT();
  const l = useInspectionLabels();
  const refresh = useRefresh(c.id);
  const [form] = Form.useForm<{ items: ChecklistRow[] }>();
  const editable = c.can.manage && c.status !== 'closed';
  const initial = useMemo(
    () => ({
      items: c.checklist.map(
        (it): ChecklistRow => ({
          id: it.id,
          label: it.label,
          answerType: it.answerType,
          compareTo: it.compareTo,
          required: it.required,
          answered: it.answered,
        }),
      ),
    }),
    [c.checklist],
  );
  const save = useMutation({
    mutationFn: (body: Parameters<typeof inspectionsApi.checklist>[1]) => inspectionsApi.checklist(c.id, body),
    onSuccess: (next) => {
      refresh(next);
      toast.success(t('common.saved'));
    },
    onError: (err) => handleSaveError(form, err, () => refresh()),
  });
  const submit = () => {
    const rows = (form.getFieldValue('items') ?? []) as ChecklistRow[];
    const body = validateWith(form, ChecklistPut, {
      version: c.version,
      items: rows.map((r) => ({
        id: r.id,
        label: r.label ?? '',
        answerType: r.answerType,
        compareTo: r.compareTo ?? null,
        required: r.required ?? true,
      })),
    });
    if (body) save.mutate(body);
  };
  if (!editable) {
    return c.checklist.length ? (
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.checklist}
        columns={[
          { title: t('insp.check.no'), dataIndex: 'ordinal', width: 56 },
          { title: t('insp.check.label'), dataIndex: 'label' },
          {
            title: t('insp.check.answerType'),
            dataIndex: 'answerType',
            width: 96,
            render: (a: AnswerType) => l.answerType(a),
          },
          {
            title: t('insp.check.compareTo'),
            dataIndex: 'compareTo',
            width: 150,
            render: (v: CompareTo | null) => (v ? l.compareTo(v) : '—'),
          },
          {
            title: t('insp.check.required'),
            dataIndex: 'required',
            width: 70,
            render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
          },
        ]}
      />
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.check.empty')} />
    );
  }
  return (
    <Form form={form} name="checklist" initialValues={initial} key={c.version}>
      <Typography.Paragraph type="secondary">{t('insp.check.help')}</Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove, move }) => (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {fields.map((f, index) => {
              const row = form.getFieldValue(['items', f.name]) as ChecklistRow | undefined;
              const locked = row?.answered ?? false;
              return (
                <Card key={f.key} size="small" styles={{ body: { padding: 10 } }} data-testid="checklist-row">
                  <div
                    style={{
                      display: 'grid',
                      gap: 8,
                      alignItems: 'start',
                      gridTemplateColumns: phone ? 'minmax(0, 1fr)' : '28px minmax(200px, 1fr) 130px 170px 90px 100px',
                    }}
                  >
                    {!phone && <Typography.Text style={{ lineHeight: '32px' }}>{index + 1}</Typography.Text>}
                    <Form.Item name={[f.name, 'label']} style={{ margin: 0 }}>
                      <Input maxLength={100} placeholder={t('insp.check.labelPlaceholder')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'answerType']} style={{ margin: 0 }}>
                      <Select options={l.answerTypeOptions} disabled={locked} aria-label={t('insp.check.answerType')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'compareTo']} style={{ margin: 0 }}>
                      <Select
                        allowClear
                        options={l.compareToOptions}
                        placeholder={t('insp.check.noCompare')}
                        disabled={locked}
                        aria-label={t('insp.check.compareTo')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ margin: 0 }}>
                      <Switch checkedChildren={t('insp.check.required')} unCheckedChildren={t('insp.check.optional')} />
                    </Form.Item>
                    <Space size={4}>
                      <Button size="small" disabled={index === 0} onClick={() => move(index, index - 1)}>
                        ↑
                      </Button>
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={locked}
                        title={locked ? t('insp.check.lockedHint') : t('insp.check.remove')}
                        onClick={() => remove(f.name)}
                      />
                    </Space>
                  </div>
                </Card>
              );
            })}
            <Form.Item name="items" noStyle>
              <span />
            </Form.Item>
            <Space wrap>
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ id: null, label: '', answerType: 'yes_no', compareTo: null, required: true, answered: false })
                }
              >
                {t('insp.check.add')}
              </Button>
              <Button type="primary" loading={save.isPending} onClick={submit} data-testid="save-checklist">
                {t('common.save')}
              </Button>
            </Space>
          </div>
        )}
      </Form.List>
    </Form>
  );
}

// ── teams ─────────────────────────────────────────────────────────────────────────────────────────────────
type TeamValues = { name?: string; leaderName?: string; unitIds?: string[]; memberUserIds?: string[] };
type TeamRow = Inspection['teams'][number];

function TeamDrawer({
  c,
  team,
  open,
  onClose,
}: {
  c: Inspection;
  team: TeamRow | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const refresh = useRefresh(c.id);
  const [form] = Form.useForm<TeamValues>();
  const save = useMutation({
    mutationFn: (body: Parameters<typeof inspectionsApi.addTeam>[1]) =>
      team ? inspectionsApi.saveTeam(c.id, team.id, body) : inspectionsApi.addTeam(c.id, body),
    onSuccess: (next) => {
      refresh(next);
      toast.success(t('common.saved'));
      onClose();
    },
    onError: (err) => handleSaveError(form, err),
  });
  const submit = () => {
    const v = form.getFieldsValue();
    const body = validateWith(form, TeamInput, {
      name: v.name ?? '',
      leaderName: v.leaderName?.trim() || null,
      unitIds: v.unitIds ?? [],
      memberUserIds: v.memberUserIds ?? [],
    });
    if (body) save.mutate(body);
  };
  return (
    <FormDrawer
      title={team ? t('insp.team.edit') : t('insp.team.add')}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      submitting={save.isPending}
    >
      <Form<TeamValues>
        form={form}
        layout="vertical"
        name="team"
        requiredMark="optional"
        initialValues={
          team
            ? {
                name: team.name,
                leaderName: team.leaderName ?? '',
                unitIds: team.units.map((u) => u.id),
                memberUserIds: team.members.map((m) => m.id),
              }
            : { name: t('insp.team.defaultName', { n: c.teams.length + 1 }) }
        }
      >
        <Form.Item name="name" label={t('insp.team.name')} required>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="leaderName" label={t('insp.team.leader')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('insp.team.units')} extra={t('insp.team.unitsHelp')}>
          <EntitySelect kind="unit" multiple />
        </Form.Item>
        <Form.Item name="memberUserIds" label={t('insp.team.members')} required extra={t('insp.team.membersHelp')}>
          <EntitySelect kind="user" multiple />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function TeamsTab({ c, phone }: { c: Inspection; phone: boolean }) {
  const t = useT();
  const refresh = useRefresh(c.id);
  const [editing, setEditing] = useState<TeamRow | null | 'new'>(null);
  const editable = c.can.manage && c.status !== 'closed';
  const remove = useMutation({
    mutationFn: (teamId: string) => inspectionsApi.deleteTeam(c.id, teamId),
    onSuccess: (next) => {
      refresh(next);
      toast.success(t('insp.team.deleted'));
    },
    onError: (err) => showError(err),
  });
  return (
    <>
      {editable && (
        <Button
          type="primary"
          icon={<UsergroupAddOutlined />}
          onClick={() => setEditing('new')}
          style={{ marginBottom: 12 }}
        >
          {t('insp.team.add')}
        </Button>
      )}
      {c.teams.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.team.empty')} />}
      <div
        style={{
          display: 'grid',
          gap: 10,
          gridTemplateColumns: phone ? 'minmax(0, 1fr)' : 'repeat(auto-fill, minmax(320px, 1fr))',
        }}
      >
        {c.teams.map((team) => (
          <Card
            key={team.id}
            size="small"
            data-testid="team-card"
            title={
              <Space>
                <TeamOutlined />
                {team.name}
              </Space>
            }
            extra={
              editable && (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(team)}
                    aria-label={t('common.edit')}
                  />
                  <Popconfirm title={t('insp.team.deleteConfirm')} onConfirm={() => remove.mutate(team.id)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('insp.team.delete')} />
                  </Popconfirm>
                </Space>
              )
            }
          >
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'leader', label: t('insp.team.leader'), children: team.leaderName || '—' },
                {
                  key: 'units',
                  label: t('insp.team.units'),
                  children: team.units.length ? team.units.map((u) => u.name).join('、') : '—',
                },
                {
                  key: 'members',
                  label: t('insp.team.members'),
                  children: team.members.map((m) => `${m.name}(${m.unitName})`).join('、'),
                },
                {
                  key: 'progress',
                  label: t('insp.team.progress'),
                  children: t('insp.team.progressText', { done: team.inspected, total: team.targets }),
                },
              ]}
            />
          </Card>
        ))}
      </div>
      {editing && <TeamDrawer c={c} team={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
    </>
  );
}

// ── targets ───────────────────────────────────────────────────────────────────────────────────────────────
type AddValues = {
  kind: 'projects_batch' | 'plan_section' | 'list';
  /** named as the request's scope, so the server's field errors land on the fields */
  scope?: { batch?: string; sectionId?: string; objects?: string[] };
  listType: 'project' | 'task';
  teamId?: string | null;
};

function AddTargetsDrawer({ c, open, onClose }: { c: Inspection; open: boolean; onClose: () => void }) {
  const t = useT();
  const refresh = useRefresh(c.id);
  const [form] = Form.useForm<AddValues>();
  const kind = Form.useWatch('kind', form) ?? 'projects_batch';
  const listType = Form.useWatch('listType', form) ?? 'project';
  const options = useQuery({ queryKey: ['inspection-options'], queryFn: inspectionsApi.options, enabled: open });
  const add = useMutation({
    mutationFn: (body: Parameters<typeof inspectionsApi.addTargets>[1]) => inspectionsApi.addTargets(c.id, body),
    onSuccess: (r) => {
      refresh();
      toast.success(t('insp.target.added', { added: r.added, skipped: r.skipped }));
      onClose();
    },
    onError: (err) => handleSaveError(form, err),
  });
  const submit = () => {
    const v = form.getFieldsValue(true) as AddValues;
    const scope =
      v.kind === 'projects_batch'
        ? { kind: v.kind, batch: v.scope?.batch ?? '' }
        : v.kind === 'plan_section'
          ? { kind: v.kind, sectionId: v.scope?.sectionId ?? '' }
          : {
              kind: v.kind,
              objects: (v.scope?.objects ?? []).map((objectId) => ({ objectType: v.listType, objectId })),
            };
    const body = validateWith(form, TargetsAdd, { scope, teamId: v.teamId ?? null });
    if (body) add.mutate(body);
  };
  return (
    <FormDrawer title={t('insp.target.add')} open={open} onClose={onClose} onSubmit={submit} submitting={add.isPending}>
      <Form<AddValues>
        form={form}
        layout="vertical"
        name="add-targets"
        requiredMark="optional"
        initialValues={{ kind: 'projects_batch', listType: 'project', teamId: null }}
      >
        <Form.Item name="kind" label={t('insp.target.by')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'projects_batch', label: t('insp.target.byBatch') },
              { value: 'plan_section', label: t('insp.target.bySection') },
              { value: 'list', label: t('insp.target.byList') },
            ]}
          />
        </Form.Item>
        {kind === 'projects_batch' && (
          <Form.Item name={['scope', 'batch']} label={t('insp.target.batch')} required>
            <Select
              loading={options.isLoading}
              placeholder={t('common.select')}
              options={(options.data?.batches ?? []).map((b) => ({
                value: b.batch,
                label: t('insp.target.batchOption', { name: b.batch, n: b.projects }),
              }))}
            />
          </Form.Item>
        )}
        {kind === 'plan_section' && (
          <Form.Item name={['scope', 'sectionId']} label={t('insp.target.section')} required>
            <Select
              loading={options.isLoading}
              placeholder={t('common.select')}
              showSearch={{ optionFilterProp: 'label' }}
              options={(options.data?.sections ?? []).map((s) => ({
                value: s.id,
                label: t('insp.target.sectionOption', {
                  plan: s.planTitle,
                  label: s.label,
                  title: s.title,
                  n: s.tasks,
                }),
              }))}
            />
          </Form.Item>
        )}
        {kind === 'list' && (
          <>
            <Form.Item name="listType" label={t('insp.target.objectType')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'project', label: t('insp.instr.objectProject') },
                  { value: 'task', label: t('insp.instr.objectTask') },
                ]}
                onChange={() => form.setFieldValue(['scope', 'objects'], [])}
              />
            </Form.Item>
            <Form.Item name={['scope', 'objects']} label={t('insp.target.objects')} required>
              <ObjectPicker type={listType} multiple />
            </Form.Item>
          </>
        )}
        <Form.Item name="teamId" label={t('insp.target.team')}>
          <Select
            allowClear
            placeholder={t('insp.target.noTeam')}
            options={c.teams.map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function FindingState({ target }: { target: Target }) {
  const t = useT();
  if (!target.finding) return <Tag style={{ marginInlineEnd: 0 }}>{t('insp.target.pending')}</Tag>;
  return (
    <Space size={4} wrap>
      <Tag color={target.finding.complete ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
        {target.finding.complete ? t('insp.target.inspected') : t('insp.target.incomplete')}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {target.finding.inspectedOn}
      </Typography.Text>
    </Space>
  );
}

function targetColumns(t: T, c: Inspection, remove: (target: Target) => void): TableColumnsType<Target> {
  return [
    {
      title: t('insp.target.col.object'),
      dataIndex: 'objectLabel',
      render: (v: string, r) => <Link to={findingPath(c.id, r.id)}>{v}</Link>,
    },
    {
      title: t('insp.target.col.type'),
      dataIndex: 'objectType',
      width: 70,
      render: (v: string) => (v === 'task' ? t('insp.instr.objectTask') : t('insp.instr.objectProject')),
    },
    { title: t('insp.target.col.unit'), dataIndex: 'unitName', width: 160 },
    { title: t('insp.target.col.team'), dataIndex: 'teamName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('insp.target.col.finding'), key: 'finding', width: 150, render: (_v, r) => <FindingState target={r} /> },
    {
      title: t('insp.target.col.problems'),
      key: 'problems',
      width: 180,
      render: (_v, r) => (r.finding?.problemKinds.length ? <ProblemTags kinds={r.finding.problemKinds} /> : '—'),
    },
    {
      title: t('insp.target.col.rect'),
      key: 'rect',
      width: 80,
      render: (_v, r) => (r.rectifications.total ? `${r.rectifications.open}/${r.rectifications.total}` : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_v, r) => (
        <Space size={8}>
          <Link to={findingPath(c.id, r.id)}>{r.can.record ? t('insp.target.record') : t('common.view')}</Link>
          {c.can.manage && c.status !== 'closed' && !r.finding && (
            <Popconfirm title={t('insp.target.removeConfirm')} onConfirm={() => remove(r)}>
              <Typography.Link type="danger">{t('insp.target.remove')}</Typography.Link>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
}

function TargetCard({ c, target }: { c: Inspection; target: Target }) {
  const t = useT();
  return (
    <Link
      to={findingPath(c.id, target.id)}
      data-testid="target-card"
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${target.finding ? (target.finding.problemKinds.length ? '#fa8c16' : '#52c41a') : '#d9d9d9'}`,
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ flex: 1, fontSize: 15 }}>
          {target.objectLabel}
        </Typography.Text>
        <FindingState target={target} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {target.unitName} · {target.teamName ?? t('insp.target.noTeam')}
      </Typography.Text>
      {target.finding && target.finding.problemKinds.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <ProblemTags kinds={target.finding.problemKinds} />
        </div>
      )}
      {target.can.record && !target.finding && (
        <div style={{ marginTop: 6 }}>
          <Typography.Text type="warning" style={{ fontSize: 13 }}>
            {t('insp.target.tapToRecord')}
          </Typography.Text>
        </div>
      )}
    </Link>
  );
}

function TargetsTab({ c, phone }: { c: Inspection; phone: boolean }) {
  const t = useT();
  const refresh = useRefresh(c.id);
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const member = c.can.record;
  const [mine, setMine] = useState(member && !c.can.manage);
  const [teamId, setTeamId] = useState<string | undefined>();
  const [state, setState] = useState<'pending' | 'inspected' | 'problems' | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const filter = { mine, teamId, state, q };
  const targets = useQuery({
    queryKey: ['inspection-targets', c.id, filter],
    queryFn: ({ signal }) => inspectionsApi.targets(c.id, filter, signal),
    placeholderData: keepPreviousData,
  });
  const manage = c.can.manage && c.status !== 'closed';
  const assign = useMutation({
    mutationFn: () => inspectionsApi.assign(c.id, selected, assignTo),
    onSuccess: (r) => {
      refresh();
      setSelected([]);
      toast.success(t('insp.target.assigned', { n: r.added }));
    },
    onError: (err) => showError(err),
  });
  const remove = useMutation({
    mutationFn: (target: Target) => inspectionsApi.removeTarget(c.id, target.id),
    onSuccess: () => {
      refresh();
      toast.success(t('insp.target.removed'));
    },
    onError: (err) => showError(err),
  });
  const items = targets.data?.items ?? [];
  return (
    <>
      {manage && (c.checklist.length === 0 || c.teams.length === 0) && (
        <Alert type="info" showIcon title={t('insp.target.setupFirst')} style={{ marginBottom: 12 }} />
      )}
      <ListToolbar
        left={
          <>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-targets">
                {t('insp.target.add')}
              </Button>
            )}
            {member && (
              <Radio.Group
                optionType="button"
                value={mine ? 'mine' : 'all'}
                onChange={(e) => setMine(e.target.value === 'mine')}
                options={[
                  { value: 'mine', label: t('insp.target.mine') },
                  { value: 'all', label: t('insp.target.all') },
                ]}
              />
            )}
            <Select
              allowClear
              placeholder={t('insp.target.col.team')}
              value={teamId}
              onChange={setTeamId}
              options={c.teams.map((x) => ({ value: x.id, label: x.name }))}
              style={{ width: 140 }}
            />
            <Select
              allowClear
              placeholder={t('insp.target.col.finding')}
              value={state}
              onChange={setState}
              options={[
                { value: 'pending', label: t('insp.target.pending') },
                { value: 'inspected', label: t('insp.target.inspected') },
                { value: 'problems', label: t('insp.target.withProblems') },
              ]}
              style={{ width: 120 }}
            />
            <Input.Search
              allowClear
              placeholder={t('insp.target.searchPlaceholder')}
              onSearch={(v) => setQ(v || undefined)}
              style={{ width: phone ? '100%' : 220 }}
            />
          </>
        }
        onRefresh={() => refresh()}
        refreshing={targets.isFetching}
      />
      {manage && selected.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t('insp.target.selected', { n: selected.length })}</Typography.Text>
          <Select
            allowClear
            placeholder={t('insp.target.noTeam')}
            value={assignTo ?? undefined}
            onChange={(v) => setAssignTo(v ?? null)}
            options={c.teams.map((x) => ({ value: x.id, label: x.name }))}
            style={{ width: 160 }}
          />
          <Button onClick={() => assign.mutate()} loading={assign.isPending}>
            {t('insp.target.assign')}
          </Button>
        </Space>
      )}
      {phone ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {targets.isLoading && <Skeleton active />}
          {items.map((x) => (
            <TargetCard key={x.id} c={c} target={x} />
          ))}
          {targets.data && items.length === 0 && (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={mine ? t('insp.target.emptyMine') : t('insp.target.empty')}
            />
          )}
        </div>
      ) : (
        <Table<Target>
          rowKey="id"
          size="middle"
          columns={targetColumns(t, c, (x) => remove.mutate(x))}
          dataSource={items}
          loading={targets.isFetching}
          scroll={{ x: 1100 }}
          rowSelection={
            manage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined
          }
          pagination={{
            pageSize: 20,
            showTotal: (n) => t('common.total', { total: n }),
            placement: ['bottomEnd'],
            hideOnSinglePage: true,
          }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={mine ? t('insp.target.emptyMine') : t('insp.target.empty')}
              />
            ),
          }}
        />
      )}
      {adding && <AddTargetsDrawer c={c} open onClose={() => setAdding(false)} />}
    </>
  );
}

// ── findings progress ─────────────────────────────────────────────────────────────────────────────────────
function ProgressTab({ c, report }: { c: Inspection; report: InspectionReport | undefined }) {
  const t = useT();
  if (!report) return <Skeleton active />;
  const recent = report.lists.problems;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div>
        <Typography.Title level={5}>{t('insp.progress.byTeam')}</Typography.Title>
        {report.byTeam.map((team) => (
          <div key={team.teamName} style={{ marginBottom: 10 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
              <span>{team.teamName}</span>
              <span>
                {t('insp.team.progressText', { done: team.inspected, total: team.targets })}
                {team.withProblems > 0 && (
                  <Typography.Text type="warning">
                    {' '}
                    · {t('insp.list.cardProblems', { n: team.withProblems })}
                  </Typography.Text>
                )}
              </span>
            </div>
            <Progress
              percent={team.targets ? Math.round((team.inspected / team.targets) * 100) : 0}
              size="small"
              showInfo={false}
            />
          </div>
        ))}
        {report.byTeam.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.target.empty')} />
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t('insp.progress.problems', { n: recent.length })}</Typography.Title>
        {recent.length === 0 ? (
          <Typography.Text type="secondary">{t('insp.progress.noProblems')}</Typography.Text>
        ) : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {recent.map((p) => (
              <div
                key={`${p.objectLabel}-${p.inspectedOn}`}
                style={{ borderInlineStart: '3px solid #fa8c16', paddingInlineStart: 10 }}
              >
                <Typography.Text strong>{p.objectLabel}</Typography.Text>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                  {p.unitName} · {p.teamName ?? '—'} · {p.inspectedOn}
                </div>
                <ProblemTags kinds={p.problemKinds} />
                {p.note && <Typography.Paragraph style={{ margin: 0, fontSize: 13 }}>{p.note}</Typography.Paragraph>}
              </div>
            ))}
          </div>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('insp.progress.asOf', { title: c.title })}
      </Typography.Text>
    </div>
  );
}

// ── report ────────────────────────────────────────────────────────────────────────────────────────────────
function ReportTab({ c, report, phone }: { c: Inspection; report: InspectionReport | undefined; phone: boolean }) {
  const t = useT();
  const l = useInspectionLabels();
  const [downloading, setDownloading] = useState(false);
  const option = useMemo(
    () =>
      report
        ? {
            grid: { left: phone ? 96 : 140, right: 32, top: 10, bottom: 24 },
            tooltip: { trigger: 'axis' as const },
            xAxis: { type: 'value' as const, minInterval: 1 },
            yAxis: {
              type: 'category' as const,
              inverse: true,
              data: PROBLEM_KINDS.map((k) => l.problem(k)),
            },
            series: [
              {
                type: 'bar' as const,
                barWidth: '55%',
                itemStyle: { color: '#c0392b' },
                data: PROBLEM_KINDS.map((k) => report.counts.problemsByKind[k]),
                label: { show: true, position: 'right' as const },
              },
            ],
          }
        : null,
    [report, l, phone],
  );
  if (!report || !option) return <Skeleton active />;
  const cnt = report.counts;
  const download = async () => {
    setDownloading(true);
    try {
      saveFile(await inspectionsApi.reportDocx(c.id), `${c.title}.docx`);
    } catch (e) {
      showError(e);
    } finally {
      setDownloading(false);
    }
  };
  const stat = (label: string, value: number, color?: string) => (
    <div style={{ background: '#fafafa', borderRadius: 6, padding: '8px 12px', minWidth: 0 }}>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{label}</div>
      <div style={{ fontSize: 20, fontWeight: 600, color: value ? color : undefined }}>{value}</div>
    </div>
  );
  const listTable = <R extends object>(rows: R[], columns: TableColumnsType<R>, empty: string): ReactNode =>
    rows.length ? (
      <Table<R>
        size="small"
        rowKey={(r) => JSON.stringify(r)}
        pagination={rows.length > 10 ? { pageSize: 10, placement: ['bottomEnd'] } : false}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 640 }}
      />
    ) : (
      <Typography.Text type="secondary">{empty}</Typography.Text>
    );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space wrap>
        <Button
          type="primary"
          icon={<FileWordOutlined />}
          loading={downloading}
          onClick={download}
          data-testid="report-docx"
        >
          {t('insp.report.docx')}
        </Button>
      </Space>
      <div
        style={{
          display: 'grid',
          gap: 8,
          gridTemplateColumns: phone ? 'repeat(2, minmax(0, 1fr))' : 'repeat(6, minmax(0, 1fr))',
        }}
      >
        {stat(t('insp.report.targets'), cnt.targets)}
        {stat(t('insp.report.inspected'), cnt.inspected, '#1d5fd6')}
        {stat(t('insp.report.withProblems'), cnt.withProblems, '#d46b08')}
        {stat(t('insp.report.mismatches'), cnt.mismatches, '#d46b08')}
        {stat(t('insp.report.rectified'), cnt.rectifications.closed, '#389e0d')}
        {stat(t('insp.report.overdue'), cnt.rectifications.overdue, '#cf1322')}
      </div>
      <Card size="small" title={t('insp.report.chart')}>
        <EChart option={option} height={240} ariaLabel={t('insp.report.chart')} />
      </Card>
      <Card size="small" title={t('insp.report.problems')}>
        {listTable(
          report.lists.problems,
          [
            { title: t('insp.target.col.object'), dataIndex: 'objectLabel' },
            { title: t('insp.target.col.unit'), dataIndex: 'unitName', width: 150 },
            {
              title: t('insp.target.col.problems'),
              dataIndex: 'problemKinds',
              width: 200,
              render: (k: ProblemKind[]) => <ProblemTags kinds={k} />,
            },
            { title: t('insp.finding.note'), dataIndex: 'note', width: 220 },
          ],
          t('insp.progress.noProblems'),
        )}
      </Card>
      <Card size="small" title={t('insp.report.overdueList')}>
        {listTable(
          report.lists.overdue,
          [
            { title: t('insp.target.col.object'), dataIndex: 'objectLabel' },
            { title: t('insp.rect.unit'), dataIndex: 'unitName', width: 150 },
            { title: t('insp.rect.requirement'), dataIndex: 'requirement' },
            { title: t('insp.rect.due'), dataIndex: 'dueOn', width: 110 },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: 'open' | 'submitted' | 'closed') => <RectStatusTag status={s} />,
            },
          ],
          t('insp.report.none'),
        )}
      </Card>
      <Card size="small" title={t('insp.report.rectifiedList')}>
        {listTable(
          report.lists.rectified,
          [
            { title: t('insp.target.col.object'), dataIndex: 'objectLabel' },
            { title: t('insp.rect.unit'), dataIndex: 'unitName', width: 150 },
            { title: t('insp.rect.requirement'), dataIndex: 'requirement' },
            {
              title: t('insp.rect.verifiedAt'),
              dataIndex: 'verifiedAt',
              width: 150,
              render: (v: string | null) => formatMinute(v),
            },
          ],
          t('insp.report.none'),
        )}
      </Card>
      <Card size="small" title={t('insp.report.notInspected', { n: report.lists.notInspected.length })}>
        {listTable(
          report.lists.notInspected,
          [
            { title: t('insp.target.col.object'), dataIndex: 'objectLabel' },
            { title: t('insp.target.col.unit'), dataIndex: 'unitName', width: 160 },
            {
              title: t('insp.target.col.team'),
              dataIndex: 'teamName',
              width: 120,
              render: (v: string | null) => v ?? '—',
            },
          ],
          t('insp.report.none'),
        )}
      </Card>
    </div>
  );
}

// ── the page ──────────────────────────────────────────────────────────────────────────────────────────────
/** 督查详情: setup (checklist, teams, targets) for the 督查室; a team member's targets; progress and the report. */
export function InspectionPage() {
  const t = useT();
  const l = useInspectionLabels();
  const { id = '' } = useParams();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const q = useCampaign(id);
  const c = q.data;
  const defaultTab: TabKey =
    c?.can.manage && (c.checklist.length === 0 || c.teams.length === 0) ? 'checklist' : 'targets';
  const tab = (params.get('tab') as TabKey | null) ?? defaultTab;
  const report = useQuery({
    queryKey: ['inspection-report', id],
    queryFn: () => inspectionsApi.report(id),
    enabled: Boolean(c) && (tab === 'report' || tab === 'progress'),
  });
  if (q.error) return <LoadError message={q.error.message} onRetry={() => void q.refetch()} />;
  if (!c) return <Skeleton active />;
  const pct = c.counts.targets ? Math.round((c.counts.inspected / c.counts.targets) * 100) : 0;
  return (
    <Page
      title={c.title}
      extra={
        <Space>
          <Link to="/supervision/inspections">{t('common.back')}</Link>
          {c.can.manage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Panel padding={phone ? 12 : 16}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: phone ? 8 : 24, alignItems: 'center' }}>
          <Space wrap size={8}>
            <CampaignStatusTag status={c.status} />
            <Typography.Text>{l.kind(c.kind)}</Typography.Text>
            <Typography.Text type="secondary">
              {c.startsOn} ~ {c.endsOn}
            </Typography.Text>
          </Space>
          <div style={{ flex: 1, minWidth: 200 }}>
            <Progress percent={pct} size="small" format={() => `${c.counts.inspected}/${c.counts.targets}`} />
          </div>
          <Space size={16} wrap style={{ fontSize: 13 }}>
            <span>{t('insp.list.cardProblems', { n: c.counts.withProblems })}</span>
            <span>{t('insp.list.cardRect', { n: c.counts.rectificationsOpen })}</span>
            {c.counts.rectificationsOverdue > 0 && (
              <Typography.Text type="danger">
                {t('insp.list.overdue', { n: c.counts.rectificationsOverdue })}
              </Typography.Text>
            )}
          </Space>
        </div>
      </Panel>
      <Panel padding={phone ? 8 : 16}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'checklist', label: t('insp.tab.checklist'), children: <ChecklistTab c={c} phone={phone} /> },
            { key: 'teams', label: t('insp.tab.teams'), children: <TeamsTab c={c} phone={phone} /> },
            { key: 'targets', label: t('insp.tab.targets'), children: <TargetsTab c={c} phone={phone} /> },
            { key: 'progress', label: t('insp.tab.progress'), children: <ProgressTab c={c} report={report.data} /> },
            {
              key: 'report',
              label: (
                <span>
                  <DownloadOutlined /> {t('insp.tab.report')}
                </span>
              ),
              children: <ReportTab c={c} report={report.data} phone={phone} />,
            },
          ]}
        />
      </Panel>
      {editing && <EditDrawer c={c} open onClose={() => setEditing(false)} />}
    </Page>
  );
}
