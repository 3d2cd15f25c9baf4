import {
  DeleteOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Divider,
  Empty,
  Form,
  Grid,
  InputNumber,
  List,
  Popconfirm,
  Radio,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditRecord } from '../../../../domain/audit/contracts.ts';
import type { Region } from '../../../../domain/org/contracts.ts';
import { type RegionKind, subtreeCodes } from '../../../../domain/org/region.ts';
import { type AdmissionRules, type AdmissionRulesOverride, rulesFor } from '../../../../domain/projects/admission.ts';
import { DEFAULT_MANDATORY_APPROVALS } from '../../../../domain/projects/lifecycle.ts';
import { APPROVAL_ITEM_LABELS, APPROVAL_ITEMS, type ApprovalItem } from '../../../../domain/projects/project.ts';
import {
  AdmissionRulesFull,
  type AdmissionSettingsResponse,
  MandatoryApprovalsUpdate,
  RULE_FIELDS,
  type RuleField,
  THRESHOLD_FIELDS,
  type ThresholdField,
} from '../../../../domain/projects/settings.ts';
import { ApiError, type Items, isApiError } from '../../api/client.ts';
import { projectSettingsApi as api } from '../../api/project-settings.ts';
import { useMe } from '../../app/session.tsx';
import { DetailDrawer, FormDrawer } from '../../components/drawers.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type MessageKey, type T, useLabel, useT } from '../../lib/i18n.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { useRegions } from '../org/org-queries.ts';

const ADMISSION_KEY = ['project-settings', 'admission'];
const MANDATORY_KEY = ['project-settings', 'mandatory-approvals'];

type Settings = AdmissionSettingsResponse;
type BoolField = Exclude<RuleField, ThresholdField>;
const isThreshold = (f: RuleField): f is ThresholdField => (THRESHOLD_FIELDS as readonly string[]).includes(f);
const BOOL_FIELDS = RULE_FIELDS.filter((f): f is BoolField => !isThreshold(f));

const UNIT_KEYS: Record<ThresholdField, MessageKey> = {
  minInvestmentIntensity: 'projectSettings.unit.wanPerMu',
  minTaxPerMu: 'projectSettings.unit.wanPerMu',
  maxEnergyPerOutput: 'projectSettings.unit.tcePerWan',
};
const DECIMALS: Record<ThresholdField, number> = { minInvestmentIntensity: 2, minTaxPerMu: 2, maxEnergyPerOutput: 4 };
/** the kinds of region that may have rules of their own (the server checks again) */
const OWN_RULE_KINDS: readonly RegionKind[] = ['city', 'district', 'county', 'park'];

const fieldLabel = (t: T, f: RuleField) => t(`projectSettings.field.${f}` as MessageKey);

/** A rule's value in words: 要求/不要求, 拒绝/不限制, "300.00 万元/亩" or 不设标准. */
function valueText(t: T, f: RuleField, v: boolean | string | null, withUnit = true): string {
  if (isThreshold(f)) {
    if (v === null) return t('projectSettings.noThreshold');
    return withUnit ? `${String(v)} ${t(UNIT_KEYS[f])}` : String(v);
  }
  if (f === 'requireEnvironmentalAssessment') return t(v ? 'projectSettings.require' : 'projectSettings.notRequire');
  return t(v ? 'projectSettings.refuse' : 'projectSettings.allow');
}

/** Regions by code, the ancestors of a region (nearest first), and the regions this user may give rules of their own. */
function useRegionFacts() {
  const me = useMe();
  const regions = useRegions();
  return useMemo(() => {
    const { byCode, items } = regions;
    const ancestorsOf = (code: string) => {
      const out: string[] = [];
      for (let r = byCode.get(code); r?.parentCode; r = byCode.get(r.parentCode)) out.push(r.parentCode);
      return out;
    };
    const root = me.scope.rootCode;
    const inScope = me.scope.kind === 'all' ? null : new Set(root ? subtreeCodes(root, items) : []);
    const configurable = items.filter(
      (r) => OWN_RULE_KINDS.includes(r.kind) && r.code !== root && (inScope === null || inScope.has(r.code)),
    );
    const name = (code: string) => byCode.get(code)?.name ?? code;
    return { byCode, ancestorsOf, configurable, name, loading: regions.query.isLoading };
  }, [regions, me.scope]);
}
type RegionFacts = ReturnType<typeof useRegionFacts>;

// ── the table of rules ───────────────────────────────────────────────────────────────────────────────────────
/** The row being edited, with the setting as it was when the drawer opened. */
type EditTarget = { code: string | null; adding?: boolean; settings: Settings };
type RuleRow = { key: string; code: string | null; name: string; kind?: RegionKind; own: AdmissionRulesOverride };

/** A rule of a row: its own value in black, an inherited one in grey. The table states units in its header. */
function RuleCell({
  row,
  field,
  effective,
  withUnit = true,
}: {
  row: RuleRow;
  field: RuleField;
  effective: AdmissionRules;
  withUnit?: boolean;
}) {
  const t = useT();
  const own = row.own[field];
  if (own !== undefined) return <span>{valueText(t, field, own, withUnit)}</span>;
  return (
    <Typography.Text type="secondary" title={t('projectSettings.inherited')}>
      {valueText(t, field, effective[field], withUnit)}
    </Typography.Text>
  );
}

function AdmissionCard() {
  const t = useT();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const regions = useRegionFacts();
  const q = useQuery({ queryKey: ADMISSION_KEY, queryFn: api.admission });
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [history, setHistory] = useState(false);
  const settings = q.data;

  const rows = useMemo<RuleRow[]>(() => {
    if (!settings) return [];
    const own = Object.entries(settings.byRegion).map(([code, r]) => {
      const region = regions.byCode.get(code);
      return { key: code, code, name: region?.name ?? code, kind: region?.kind, own: r, sort: region?.sort ?? 0 };
    });
    own.sort((a, b) => a.sort - b.sort || a.key.localeCompare(b.key));
    return [{ key: 'default', code: null, name: t('projectSettings.cityDefault'), own: settings.default }, ...own];
  }, [settings, regions.byCode, t]);

  const effectiveOf = (row: RuleRow): AdmissionRules =>
    settings && row.code
      ? rulesFor(row.code, settings, regions.ancestorsOf(row.code))
      : (settings?.default as AdmissionRules);

  const remove = useMutation({
    mutationFn: (code: string) => {
      const s = settings!;
      const byRegion = Object.fromEntries(Object.entries(s.byRegion).filter(([c]) => c !== code));
      return api.saveAdmission({ default: s.default, byRegion, version: s.version });
    },
    onSuccess: (saved, code) => {
      qc.setQueryData(ADMISSION_KEY, saved);
      void qc.invalidateQueries({ queryKey: ['project-settings', 'history'] });
      toast.success(t('projectSettings.removed', { region: regions.name(code) }));
    },
    onError: (err) => {
      showError(err);
      void q.refetch();
    },
  });

  const actions = (row: RuleRow) => (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        icon={<EditOutlined />}
        onClick={() => settings && setEditing({ code: row.code, settings })}
        aria-label={`${t('common.edit')} ${row.name}`}
      >
        {t('common.edit')}
      </Button>
      {row.code !== null && (
        <Popconfirm
          title={t('projectSettings.removeConfirm', { region: row.name })}
          onConfirm={() => remove.mutateAsync(row.code!)}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('projectSettings.remove')} ${row.name}`}
          >
            {t('projectSettings.remove')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const regionCell = (row: RuleRow) => (
    <Space size={4} wrap>
      <Typography.Text strong={row.code === null}>{row.name}</Typography.Text>
      {row.code && <Typography.Text type="secondary">{row.code}</Typography.Text>}
    </Space>
  );

  const columns: TableColumnsType<RuleRow> = [
    {
      title: t('projectSettings.region'),
      key: 'region',
      fixed: 'left',
      width: 140,
      render: (_, row) => regionCell(row),
    },
    ...RULE_FIELDS.map((f) => ({
      title: isThreshold(f) ? (
        <span>
          {fieldLabel(t, f)}
          <br />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            ({t(UNIT_KEYS[f])})
          </Typography.Text>
        </span>
      ) : (
        fieldLabel(t, f)
      ),
      key: f,
      width: isThreshold(f) ? 120 : 100,
      render: (_: unknown, row: RuleRow) => (
        <RuleCell row={row} field={f} effective={effectiveOf(row)} withUnit={false} />
      ),
    })),
    { title: t('common.actions'), key: 'actions', fixed: 'right', width: 150, render: (_, row) => actions(row) },
  ];

  const available = regions.configurable.filter((r) => !settings?.byRegion[r.code]);

  return (
    <Card
      variant="borderless"
      title={t('projectSettings.admission')}
      extra={
        <Space wrap>
          {Boolean(settings?.version) && (
            <Typography.Text type="secondary">
              {t('settings.lastVersion', { version: settings?.version ?? 0 })}
            </Typography.Text>
          )}
          <Button
            icon={<HistoryOutlined />}
            onClick={() => setHistory(true)}
            aria-label={t('projectSettings.history')}
            title={t('projectSettings.history')}
          >
            {narrow ? null : t('projectSettings.history')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!settings || available.length === 0}
            onClick={() => settings && setEditing({ code: null, adding: true, settings })}
          >
            {t('projectSettings.addRegion')}
          </Button>
        </Space>
      }
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('projectSettings.admissionIntro')}
        </Typography.Paragraph>
        {q.isError && !settings ? (
          <LoadError message={q.error.message} onRetry={() => void q.refetch()} />
        ) : q.isLoading || !settings ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : narrow ? (
          <List
            dataSource={rows}
            split={false}
            renderItem={(row) => (
              <List.Item style={{ padding: '0 0 12px' }}>
                <Card size="small" style={{ width: '100%' }} title={regionCell(row)} extra={actions(row)}>
                  <Descriptions
                    size="small"
                    column={1}
                    items={RULE_FIELDS.map((f) => ({
                      key: f,
                      label: fieldLabel(t, f),
                      children: <RuleCell row={row} field={f} effective={effectiveOf(row)} />,
                    }))}
                  />
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<RuleRow>
            rowKey="key"
            size="middle"
            pagination={false}
            dataSource={rows}
            columns={columns}
            scroll={{ x: 'max-content' }}
          />
        )}
        {rows.length > 1 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('projectSettings.inheritedHint')}
          </Typography.Text>
        )}
      </Space>
      {settings && (
        <AdmissionDrawer
          target={editing}
          settings={settings}
          regions={regions}
          available={available}
          onClose={() => setEditing(null)}
        />
      )}
      <SettingHistoryDrawer
        open={history}
        onClose={() => setHistory(false)}
        title={`${t('projectSettings.admission')} · ${t('projectSettings.history')}`}
        queryKey="admission"
        load={api.admissionHistory}
        describe={(r) => describeAdmissionChange(t, regions, r)}
      />
    </Card>
  );
}

// ── the drawer that edits one row ──────────────────────────────────────────────────────────────────────────
type ThresholdChoice = { mode: 'inherit' | 'none' | 'set'; value: string | null };
type BoolChoice = 'inherit' | 'yes' | 'no';
type RuleValues = { regionCode?: string } & { [F in BoolField]: BoolChoice } & {
  [F in ThresholdField]: ThresholdChoice;
};

function toValues(code: string | null, s: Settings): RuleValues {
  const own: AdmissionRulesOverride = code === null ? s.default : (s.byRegion[code] ?? {});
  const out: Record<string, unknown> = code === null ? {} : { regionCode: code };
  for (const f of RULE_FIELDS) {
    const v = own[f];
    if (isThreshold(f)) {
      out[f] = { mode: v === undefined ? 'inherit' : v === null ? 'none' : 'set', value: v ?? null };
    } else out[f] = v === undefined ? 'inherit' : v ? 'yes' : 'no';
  }
  return out as RuleValues;
}

/** The fields the row sets itself; a field not on the form (yet) or inherited is left out. */
function fromValues(values: Partial<RuleValues>): AdmissionRulesOverride {
  const out: Record<string, unknown> = {};
  for (const f of RULE_FIELDS) {
    if (isThreshold(f)) {
      const c = values[f];
      if (c && c.mode !== 'inherit') out[f] = c.mode === 'none' ? null : String(c.value ?? '').trim();
    } else if (values[f] !== undefined && values[f] !== 'inherit') out[f] = values[f] === 'yes';
  }
  return out as AdmissionRulesOverride;
}

/** The server names fields of the whole setting (`byRegion.990102.minTaxPerMu`); the drawer holds one row. */
function remapFields(err: unknown): unknown {
  if (!isApiError(err) || err.fields.length === 0) return err;
  const fields = err.fields.map((f) => {
    const parts = f.path.split('.');
    if (parts[0] === 'default') return { ...f, path: parts.slice(1).join('.') };
    if (parts[0] === 'byRegion') return { ...f, path: parts.length > 2 ? parts.slice(2).join('.') : 'regionCode' };
    return f;
  });
  return new ApiError(err.status, err.code, err.message, fields, err.details);
}

function ThresholdInput({
  id,
  value,
  onChange,
  field,
  inheritLabel,
}: {
  id?: string;
  value?: ThresholdChoice;
  onChange?: (v: ThresholdChoice) => void;
  field: ThresholdField;
  inheritLabel: string | null;
}) {
  const t = useT();
  const v = value ?? { mode: 'none', value: null };
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <Radio.Group
        id={id}
        value={v.mode}
        onChange={(e) => onChange?.({ ...v, mode: e.target.value as ThresholdChoice['mode'] })}
        options={[
          ...(inheritLabel !== null ? [{ value: 'inherit', label: inheritLabel }] : []),
          { value: 'none', label: t('projectSettings.noThreshold') },
          { value: 'set', label: t('projectSettings.setThreshold') },
        ]}
      />
      {v.mode === 'set' && (
        <InputNumber<string>
          stringMode
          min="0"
          step={DECIMALS[field] === 4 ? '0.01' : '1'}
          value={v.value}
          onChange={(x) => onChange?.({ mode: 'set', value: x })}
          suffix={t(UNIT_KEYS[field])}
          placeholder={DECIMALS[field] === 4 ? '0.0500' : '300.00'}
          aria-label={`${t(`projectSettings.field.${field}` as MessageKey)}`}
          style={{ width: 220, maxWidth: '100%' }}
        />
      )}
    </Space>
  );
}

function AdmissionDrawer({
  target,
  settings,
  regions,
  available,
  onClose,
}: {
  target: EditTarget | null;
  settings: Settings;
  regions: RegionFacts;
  available: Region[];
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<RuleValues>();
  /** the setting the save starts from: the page's, or the server's after a stale write */
  const base = useRef(settings);
  const adding = Boolean(target?.adding);
  const isDefault = target !== null && !adding && target.code === null;
  const pickedCode = Form.useWatch('regionCode', form);
  const code = adding ? (pickedCode ?? null) : (target?.code ?? null);
  const values = Form.useWatch([], form);

  // what a region inherits: the rules in force at its parent (the city default for a district)
  const parentRules = useMemo((): AdmissionRules | null => {
    if (isDefault) return null;
    const parent = code ? regions.byCode.get(code)?.parentCode : null;
    return parent ? rulesFor(parent, settings, regions.ancestorsOf(parent)) : (settings.default as AdmissionRules);
  }, [isDefault, code, regions, settings]);

  const { save, stale } = useVersionedSave<RuleValues, Settings, Settings>({
    form,
    editing: target ? settings : undefined,
    mutationFn: async (v, version) => {
      const s = base.current;
      const own = fromValues(v);
      const regionCode = adding ? v.regionCode : target?.code;
      const body = isDefault
        ? { default: own as AdmissionRules, byRegion: s.byRegion, version }
        : {
            default: s.default,
            byRegion: { ...s.byRegion, ...(regionCode ? { [regionCode]: own } : {}) },
            version,
          };
      try {
        return await api.saveAdmission(body);
      } catch (err) {
        throw remapFields(err);
      }
    },
    onSaved: (saved) => {
      qc.setQueryData(ADMISSION_KEY, saved);
      void qc.invalidateQueries({ queryKey: ['project-settings', 'history'] });
    },
    onClose,
    reload: async () => {
      const fresh = await api.admission();
      base.current = fresh;
      return fresh;
    },
    toValues: (fresh) => toValues(adding ? (form.getFieldValue('regionCode') ?? null) : (target?.code ?? null), fresh),
  });

  const title = adding
    ? t('projectSettings.addRegionTitle')
    : isDefault
      ? t('projectSettings.editDefaultTitle')
      : t('projectSettings.editRegionTitle', { region: regions.name(target?.code ?? '') });

  // the drawer's content is created on every open (destroyOnHidden): the form starts from the setting as it was then
  const initial = useMemo((): RuleValues | undefined => {
    if (!target) return undefined;
    if (!target.adding) return toValues(target.code, target.settings);
    const blank: Record<string, unknown> = {};
    for (const f of RULE_FIELDS) blank[f] = isThreshold(f) ? { mode: 'inherit', value: null } : 'inherit';
    return blank as RuleValues;
  }, [target]);
  useEffect(() => {
    if (!target) return;
    base.current = target.settings;
    // the form instance outlives the drawer's content: start from `initial`, not from the last row edited
    form.resetFields();
  }, [target, form]);

  const submit = async () => {
    try {
      save.mutate(await form.validateFields());
    } catch {
      // the messages are on the fields
    }
  };

  const nothingOwn = target !== null && !isDefault && values && Object.keys(fromValues(values)).length === 0;
  const inheritLabel = (f: RuleField) =>
    parentRules ? t('projectSettings.inheritValue', { value: valueText(t, f, parentRules[f]) }) : null;

  const boolOptions = (f: BoolField) => [
    ...(isDefault ? [] : [{ value: 'inherit', label: inheritLabel(f) ?? '' }]),
    {
      value: 'yes',
      label: t(f === 'requireEnvironmentalAssessment' ? 'projectSettings.require' : 'projectSettings.refuse'),
    },
    {
      value: 'no',
      label: t(f === 'requireEnvironmentalAssessment' ? 'projectSettings.notRequire' : 'projectSettings.allow'),
    },
  ];

  const regionOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const r of available) {
      const parent = r.parentCode ?? '';
      const g = groups.get(parent) ?? { label: regions.name(parent), options: [] };
      g.options.push({ value: r.code, label: `${r.name}(${r.code})` });
      groups.set(parent, g);
    }
    return [...groups.values()];
  }, [available, regions]);

  return (
    <FormDrawer
      title={title}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => void submit()}
      submitting={save.isPending}
      staleNotice={stale}
      width={600}
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        name="admission-rules"
        requiredMark={false}
        initialValues={initial}
      >
        {adding && (
          <Form.Item
            name="regionCode"
            label={t('projectSettings.region')}
            extra={t('projectSettings.regionHelp')}
            rules={[{ required: true, message: t('projectSettings.pickRegion') }]}
          >
            <Select<string, { value?: string; label: string; options?: { value: string; label: string }[] }>
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('projectSettings.pickRegion')}
              options={regionOptions.length === 1 ? regionOptions[0]!.options : regionOptions}
            />
          </Form.Item>
        )}
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('projectSettings.group.gates')}
        </Divider>
        {BOOL_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={fieldLabel(t, f)}>
            <Radio.Group options={boolOptions(f)} />
          </Form.Item>
        ))}
        <Divider titlePlacement="start">{t('projectSettings.group.thresholds')}</Divider>
        {THRESHOLD_FIELDS.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={`${fieldLabel(t, f)}(${t(UNIT_KEYS[f])})`}
            rules={[
              {
                validator: async (_rule, v: ThresholdChoice | undefined) => {
                  if (v?.mode !== 'set') return;
                  if (v.value === null || String(v.value).trim() === '') {
                    throw new Error(t('projectSettings.thresholdRequired', { field: fieldLabel(t, f) }));
                  }
                  const r = AdmissionRulesFull.shape[f].safeParse(String(v.value));
                  if (!r.success) throw new Error(r.error.issues[0]?.message ?? '');
                },
              },
            ]}
          >
            <ThresholdInput field={f} inheritLabel={isDefault ? null : inheritLabel(f)} />
          </Form.Item>
        ))}
        {nothingOwn && <Alert type="info" showIcon title={t('projectSettings.nothingOwn')} />}
      </Form>
    </FormDrawer>
  );
}

// ── 开工必备手续 ─────────────────────────────────────────────────────────────────────────────────────────────
type MandatoryValues = { items: ApprovalItem[] };

function MandatoryApprovalsCard() {
  const t = useT();
  const label = useLabel();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [form] = Form.useForm<MandatoryValues>();
  const [stale, setStale] = useState(false);
  const [history, setHistory] = useState(false);
  const q = useQuery({ queryKey: MANDATORY_KEY, queryFn: api.mandatoryApprovals });
  const items = Form.useWatch('items', form);

  useEffect(() => {
    if (q.data) form.setFieldsValue({ items: q.data.items });
  }, [q.data, form]);

  const save = useMutation({
    mutationFn: api.saveMandatoryApprovals,
    onSuccess: (saved) => {
      setStale(false);
      qc.setQueryData(MANDATORY_KEY, saved);
      void qc.invalidateQueries({ queryKey: ['project-settings', 'history'] });
      // the projects' 转为在建 blockers depend on it
      void qc.invalidateQueries({ queryKey: ['project'] });
      toast.success(t('common.saved'));
    },
    onError: (err) =>
      handleSaveError(form, err, async () => {
        await q.refetch();
        setStale(true);
      }),
  });

  const onFinish = (v: MandatoryValues) => {
    if (!q.data) return;
    const body = validateWith(form, MandatoryApprovalsUpdate, { items: v.items ?? [], version: q.data.version });
    if (body) save.mutate(body);
  };

  return (
    <Card
      variant="borderless"
      title={t('projectSettings.mandatory')}
      extra={
        <Space wrap>
          {Boolean(q.data?.version) && (
            <Typography.Text type="secondary">
              {t('settings.lastVersion', { version: q.data?.version ?? 0 })}
            </Typography.Text>
          )}
          <Button
            icon={<HistoryOutlined />}
            onClick={() => setHistory(true)}
            aria-label={t('projectSettings.history')}
            title={t('projectSettings.history')}
          >
            {narrow ? null : t('projectSettings.history')}
          </Button>
        </Space>
      }
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      <Typography.Paragraph type="secondary">{t('projectSettings.mandatoryIntro')}</Typography.Paragraph>
      {stale && <Alert type="warning" showIcon title={t('common.staleReloaded')} style={{ marginBottom: 12 }} />}
      {q.isError && !q.data ? (
        <LoadError message={q.error.message} onRetry={() => void q.refetch()} />
      ) : q.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Form<MandatoryValues> form={form} name="mandatory-approvals" onFinish={onFinish}>
          <Form.Item name="items" style={{ marginBottom: 12 }}>
            <Checkbox.Group style={{ width: '100%' }}>
              <div
                style={{
                  display: 'grid',
                  gridTemplateColumns: narrow ? '1fr' : 'repeat(auto-fill, minmax(240px, 1fr))',
                  gap: '10px 16px',
                  width: '100%',
                }}
              >
                {APPROVAL_ITEMS.map((i) => (
                  <Checkbox key={i} value={i}>
                    {label(APPROVAL_ITEM_LABELS[i])}
                  </Checkbox>
                ))}
              </div>
            </Checkbox.Group>
          </Form.Item>
          {items && items.length === 0 && (
            <Alert type="warning" showIcon title={t('projectSettings.mandatoryEmpty')} style={{ marginBottom: 12 }} />
          )}
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button icon={<UndoOutlined />} onClick={() => q.data && form.setFieldsValue({ items: q.data.items })}>
              {t('common.reset')}
            </Button>
            <Button
              onClick={() => {
                form.setFieldsValue({ items: [...DEFAULT_MANDATORY_APPROVALS] });
                toast.info(t('settings.defaultsFilled'));
              }}
            >
              {t('settings.restoreDefaults')}
            </Button>
            {items && (
              <Typography.Text type="secondary">
                {t('projectSettings.mandatoryCount', { count: items.length })}
              </Typography.Text>
            )}
          </Space>
        </Form>
      )}
      <SettingHistoryDrawer
        open={history}
        onClose={() => setHistory(false)}
        title={`${t('projectSettings.mandatory')} · ${t('projectSettings.history')}`}
        queryKey="mandatory-approvals"
        load={api.mandatoryApprovalsHistory}
        describe={(r) => describeMandatoryChange(t, label, r)}
      />
    </Card>
  );
}

// ── 修改记录 ─────────────────────────────────────────────────────────────────────────────────────────────────
type SettingSnapshot = { default?: Record<string, unknown>; byRegion?: Record<string, Record<string, unknown>> };

const snapshot = (v: unknown): SettingSnapshot => (typeof v === 'object' && v !== null ? (v as SettingSnapshot) : {});

/** One line per changed rule: 城关区 · 投资强度下限:继承 → 300.00 万元/亩. */
function describeAdmissionChange(t: T, regions: RegionFacts, r: AuditRecord): string[] {
  const before = snapshot(r.before);
  const after = snapshot(r.after);
  const show = (f: RuleField, v: unknown, region: boolean) =>
    v === undefined ? (region ? t('projectSettings.inherit') : '—') : valueText(t, f, v as boolean | string | null);
  const lines: string[] = [];
  const compare = (name: string, b: Record<string, unknown> = {}, a: Record<string, unknown> = {}, region: boolean) => {
    for (const f of RULE_FIELDS) {
      const same = b[f] === undefined ? a[f] === undefined : a[f] !== undefined && b[f] === a[f];
      if (same) continue;
      lines.push(`${name} · ${fieldLabel(t, f)}:${show(f, b[f], region)} → ${show(f, a[f], region)}`);
    }
  };
  compare(t('projectSettings.cityDefault'), before.default, after.default, false);
  const codes = [...new Set([...Object.keys(before.byRegion ?? {}), ...Object.keys(after.byRegion ?? {})])].sort();
  for (const c of codes) compare(regions.name(c), before.byRegion?.[c], after.byRegion?.[c], true);
  return lines;
}

function describeMandatoryChange(t: T, label: ReturnType<typeof useLabel>, r: AuditRecord): string[] {
  const list = (v: unknown): string[] => {
    const items = (v as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? items.map(String) : [];
  };
  const b = list(r.before);
  const a = list(r.after);
  const name = (i: string) => label(APPROVAL_ITEM_LABELS[i as ApprovalItem], i);
  const lines: string[] = [];
  const added = a.filter((i) => !b.includes(i));
  const dropped = b.filter((i) => !a.includes(i));
  if (added.length) lines.push(`${t('projectSettings.added')}:${added.map(name).join('、')}`);
  if (dropped.length) lines.push(`${t('projectSettings.dropped')}:${dropped.map(name).join('、')}`);
  return lines;
}

function SettingHistoryDrawer({
  open,
  onClose,
  title,
  queryKey,
  load,
  describe,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  queryKey: string;
  load: () => Promise<Items<AuditRecord>>;
  describe: (r: AuditRecord) => string[];
}) {
  const t = useT();
  const q = useQuery({ queryKey: ['project-settings', 'history', queryKey], queryFn: load, enabled: open });
  const records = [...(q.data?.items ?? [])].sort((a, b) => b.id - a.id);
  let body: ReactNode;
  if (q.isLoading) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (q.isError) body = <Alert type="error" showIcon title={q.error.message} />;
  else if (records.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectSettings.historyEmpty')} />;
  } else {
    body = (
      <Timeline
        items={records.map((r) => ({
          key: r.id,
          content: (
            <Space orientation="vertical" size={2}>
              <Space size={8} wrap>
                <Typography.Text strong>{formatDateTime(r.at)}</Typography.Text>
                <Tag style={{ marginInlineEnd: 0 }}>{r.actorName}</Tag>
              </Space>
              {describe(r).map((line) => (
                <Typography.Text key={line}>{line}</Typography.Text>
              ))}
            </Space>
          ),
        }))}
      />
    );
  }
  return (
    <DetailDrawer title={title} open={open} onClose={onClose} width={560}>
      {body}
    </DetailDrawer>
  );
}

/** 项目库设置: the admission rules (city default and each region's own) and the approvals required to start. */
export function ProjectSettingsPage() {
  const t = useT();
  return (
    <Page title={t('projectSettings.title')}>
      <AdmissionCard />
      <MandatoryApprovalsCard />
    </Page>
  );
}
