import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import {
  addDays,
  type CalendarData,
  dayNumber,
  isIsoDate,
  isoWeekday,
  knownYears,
} from '../../../../domain/common/calendar.ts';
import { DispatchSettingsUpdate } from '../../../../domain/dispatch/contracts.ts';
import { DEFAULT_ITEM_SETTINGS } from '../../../../domain/dispatch/items.ts';
import { DEFAULT_REPORTING_SCHEDULE } from '../../../../domain/dispatch/schedule.ts';
import { DEFAULT_WARNING_THRESHOLDS } from '../../../../domain/dispatch/warnings.ts';
import { STAGE_LABELS, STAGES } from '../../../../domain/projects/project.ts';
import { isApiError } from '../../api/client.ts';
import { type DispatchSettings, dispatchSettingsApi, type SettingsPart } from '../../api/dispatch-settings.ts';
import { useMe } from '../../app/session.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, showFieldErrors, validateWith } from '../../lib/form.ts';
import { type T, useLabel, useT } from '../../lib/i18n.ts';
import { clearChangedErrors } from './item-form.tsx';

const SETTINGS_KEY = ['dispatch-settings'];

/** What the settings change elsewhere: the week's board (deadlines, lights), the meeting view, the items' dues. */
const AFFECTED = [['dispatch-board'], ['dispatch-meeting'], ['dispatch-items'], ['dispatch-item']];

type Update = DispatchSettingsUpdate;

/** 周一 … 周日 */
const weekdayName = (t: T, n: number) => t('dispatchSettings.weekdays').split(',')[n - 1] ?? String(n);

/**
 * One card's save: its part with the version read. A stale version reloads the settings and says so; the server's
 * field messages go on the card's fields. Another card's save does not touch this card's unsaved edits.
 */
function usePartSave<V>(form: FormInstance<V>, part: SettingsPart, onStale: () => void) {
  const t = useT();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Update) => dispatchSettingsApi.save(body),
    onSuccess: (saved) => {
      qc.setQueryData(SETTINGS_KEY, saved);
      for (const queryKey of AFFECTED) void qc.invalidateQueries({ queryKey });
      toast.success(t('dispatchSettings.saved', { part: t(`dispatchSettings.${part}.title`) }));
    },
    onError: (err) => handleSaveError(form, err, onStale),
  });
}

/** A card's frame: its title, what it governs, the stale notice, its form, and 保存 / 撤销修改 / 恢复默认值. */
function PartCard({
  title,
  intro,
  version,
  unsaved,
  stale,
  children,
  footer,
}: {
  title: string;
  intro: ReactNode;
  version: number;
  /** what the corner says while the part was never saved */
  unsaved?: string;
  stale: boolean;
  children: ReactNode;
  footer: ReactNode;
}) {
  const t = useT();
  return (
    <Card
      variant="borderless"
      title={title}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {version ? t('settings.lastVersion', { version }) : (unsaved ?? t('dispatchSettings.defaultsInUse'))}
        </Typography.Text>
      }
      style={{ height: '100%' }}
      styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {intro}
      </Typography.Paragraph>
      {stale && <Alert type="warning" showIcon title={t('common.staleReloaded')} style={{ marginBottom: 12 }} />}
      {children}
      {footer}
    </Card>
  );
}

function Buttons({
  canEdit,
  saving,
  onUndo,
  onDefaults,
}: {
  canEdit: boolean;
  saving: boolean;
  onUndo: () => void;
  onDefaults?: () => void;
}) {
  const t = useT();
  if (!canEdit) return null;
  return (
    <Space wrap>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
        {t('common.save')}
      </Button>
      <Button icon={<UndoOutlined />} onClick={onUndo}>
        {t('dispatchSettings.undo')}
      </Button>
      {onDefaults && (
        <Button
          onClick={() => {
            onDefaults();
            toast.info(t('settings.defaultsFilled'));
          }}
        >
          {t('settings.restoreDefaults')}
        </Button>
      )}
    </Space>
  );
}

/** Puts the part's value on its form when it changes on the server (not when another part is saved). */
function useFormValue<V>(form: FormInstance<V>, value: unknown, version: number, toValues: () => V) {
  const key = `${version}:${JSON.stringify(value)}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the part's value and version
  useEffect(() => {
    form.setFieldsValue(toValues() as Parameters<typeof form.setFieldsValue>[0]);
  }, [key, form]);
}

// ── 报送时间 ─────────────────────────────────────────────────────────────────────────────────────────────────
type ScheduleValues = { value: DispatchSettings['schedule'] };

/** A time "17:00" as the time picker's value and back. */
const timeProps = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(`2000-01-01T${v}`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('HH:mm') : undefined),
};

function ScheduleCard({ s, canEdit, onStale }: { s: DispatchSettings; canEdit: boolean; onStale: () => void }) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<ScheduleValues>();
  const [stale, setStale] = useState(false);
  const save = usePartSave(form, 'schedule', () => {
    onStale();
    setStale(true);
  });
  const toValues = () => ({ value: s.schedule });
  useFormValue(form, s.schedule, s.versions.schedule, toValues);
  const v = Form.useWatch('value', form);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n, label: weekdayName(t, n) }));

  const onFinish = (values: ScheduleValues) => {
    const body = validateWith(form, DispatchSettingsUpdate, {
      part: 'schedule',
      value: values.value,
      version: s.versions.schedule,
    });
    if (body) save.mutate(body, { onSuccess: () => setStale(false) });
  };

  const when = (day: 'deadlineWeekday' | 'graceWeekday', time: 'deadlineTime' | 'graceTime', prefix?: string) => (
    <Space wrap size={8} align="start">
      {prefix && <span style={{ lineHeight: '32px' }}>{prefix}</span>}
      <Form.Item name={['value', day]} noStyle>
        <Select
          options={weekdays}
          style={{ width: 96 }}
          disabled={!canEdit}
          aria-label={t(`dispatchSettings.${day}`)}
        />
      </Form.Item>
      <Form.Item name={['value', time]} noStyle {...timeProps}>
        <TimePicker
          format="HH:mm"
          minuteStep={5}
          allowClear={false}
          disabled={!canEdit}
          style={{ width: 110 }}
          aria-label={t(`dispatchSettings.${time}`)}
        />
      </Form.Item>
    </Space>
  );

  return (
    <Form<ScheduleValues>
      form={form}
      name="dispatch-schedule"
      layout="vertical"
      onFinish={onFinish}
      initialValues={toValues()}
      style={{ height: '100%' }}
      onValuesChange={(changed) => clearChangedErrors(form, changed)}
    >
      <PartCard
        title={t('dispatchSettings.schedule.title')}
        intro={t('dispatchSettings.schedule.intro')}
        version={s.versions.schedule}
        stale={stale}
        footer={
          <Buttons
            canEdit={canEdit}
            saving={save.isPending}
            onUndo={() => form.setFieldsValue(toValues())}
            onDefaults={() => form.setFieldsValue({ value: DEFAULT_REPORTING_SCHEDULE })}
          />
        }
      >
        <Form.Item label={t('dispatchSettings.deadline')} extra={t('dispatchSettings.deadlineHelp')} required>
          {when('deadlineWeekday', 'deadlineTime', t('dispatchSettings.thisWeek'))}
        </Form.Item>
        <Form.Item label={t('dispatchSettings.grace')} extra={t('dispatchSettings.graceHelp')} required>
          {when('graceWeekday', 'graceTime', t('dispatchSettings.nextWeek'))}
        </Form.Item>
        <Form.Item name={['value', 'reportingStages']} label={t('dispatchSettings.stages')} required>
          <Checkbox.Group
            disabled={!canEdit}
            options={STAGES.map((st) => ({ value: st, label: label(STAGE_LABELS[st]) }))}
          />
        </Form.Item>
        {v?.deadlineWeekday && v.deadlineTime && v.graceWeekday && v.graceTime && (
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={t('dispatchSettings.schedule.summary', {
              deadline: `${weekdayName(t, v.deadlineWeekday)} ${v.deadlineTime}`,
              grace: `${weekdayName(t, v.graceWeekday)} ${v.graceTime}`,
            })}
          />
        )}
      </PartCard>
    </Form>
  );
}

// ── 预警阈值 ─────────────────────────────────────────────────────────────────────────────────────────────────
type ThresholdValues = { value: DispatchSettings['thresholds'] };

function IntField({
  name,
  label,
  suffix,
  help,
  min,
  max,
  disabled,
}: {
  name: (string | number)[];
  label: string;
  suffix: string;
  help?: string;
  min: number;
  max: number;
  disabled: boolean;
}) {
  return (
    <Form.Item name={name} label={label} extra={help} required>
      <InputNumber
        min={min}
        max={max}
        precision={0}
        suffix={suffix}
        disabled={disabled}
        style={{ width: 160 }}
        aria-label={label}
      />
    </Form.Item>
  );
}

function ThresholdsCard({ s, canEdit, onStale }: { s: DispatchSettings; canEdit: boolean; onStale: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ThresholdValues>();
  const [stale, setStale] = useState(false);
  const save = usePartSave(form, 'thresholds', () => {
    onStale();
    setStale(true);
  });
  const toValues = () => ({ value: s.thresholds });
  useFormValue(form, s.thresholds, s.versions.thresholds, toValues);
  const v = Form.useWatch('value', form);
  const points = t('dispatchSettings.points');
  const weeks = t('dispatchSettings.weeks');

  const onFinish = (values: ThresholdValues) => {
    const body = validateWith(form, DispatchSettingsUpdate, {
      part: 'thresholds',
      value: values.value,
      version: s.versions.thresholds,
    });
    if (body) save.mutate(body, { onSuccess: () => setStale(false) });
  };

  return (
    <Form<ThresholdValues>
      form={form}
      name="dispatch-thresholds"
      layout="vertical"
      onFinish={onFinish}
      initialValues={toValues()}
      style={{ height: '100%' }}
      onValuesChange={(changed) => clearChangedErrors(form, changed)}
    >
      <PartCard
        title={t('dispatchSettings.thresholds.title')}
        intro={t('dispatchSettings.thresholds.intro')}
        version={s.versions.thresholds}
        stale={stale}
        footer={
          <Buttons
            canEdit={canEdit}
            saving={save.isPending}
            onUndo={() => form.setFieldsValue(toValues())}
            onDefaults={() => form.setFieldsValue({ value: DEFAULT_WARNING_THRESHOLDS })}
          />
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <IntField
              name={['value', 'yellowBelowPoints']}
              label={t('dispatchSettings.yellow')}
              suffix={points}
              min={0}
              max={100}
              disabled={!canEdit}
            />
          </Col>
          <Col xs={24} sm={12}>
            <IntField
              name={['value', 'redBelowPoints']}
              label={t('dispatchSettings.red')}
              suffix={points}
              min={0}
              max={100}
              disabled={!canEdit}
            />
          </Col>
          <Col xs={24} sm={12}>
            <IntField
              name={['value', 'idleWeeks']}
              label={t('dispatchSettings.idleWeeks')}
              help={t('dispatchSettings.idleWeeksHelp')}
              suffix={weeks}
              min={1}
              max={52}
              disabled={!canEdit}
            />
          </Col>
          <Col xs={24} sm={12}>
            <IntField
              name={['value', 'missingStreak']}
              label={t('dispatchSettings.missingStreak')}
              help={t('dispatchSettings.missingStreakHelp')}
              suffix={weeks}
              min={1}
              max={52}
              disabled={!canEdit}
            />
          </Col>
        </Row>
        {v && typeof v.yellowBelowPoints === 'number' && typeof v.redBelowPoints === 'number' && (
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={
              <span>
                <LightDot color="#389e0d" />
                {t('dispatchSettings.lightGreen', { yellow: v.yellowBelowPoints })}
                <br />
                <LightDot color="#d48806" />
                {t('dispatchSettings.lightYellow', { yellow: v.yellowBelowPoints, red: v.redBelowPoints })}
                <br />
                <LightDot color="#cf1322" />
                {t('dispatchSettings.lightRed', { red: v.redBelowPoints })}
              </span>
            }
          />
        )}
      </PartCard>
    </Form>
  );
}

const LightDot = ({ color }: { color: string }) => (
  <span
    aria-hidden
    style={{
      display: 'inline-block',
      width: 8,
      height: 8,
      borderRadius: '50%',
      background: color,
      marginInlineEnd: 6,
      verticalAlign: 'middle',
    }}
  />
);

// ── 协调事项时限 ─────────────────────────────────────────────────────────────────────────────────────────────
type ItemValues = { value: DispatchSettings['items'] };

function ItemsCard({ s, canEdit, onStale }: { s: DispatchSettings; canEdit: boolean; onStale: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ItemValues>();
  const [stale, setStale] = useState(false);
  const save = usePartSave(form, 'items', () => {
    onStale();
    setStale(true);
  });
  const toValues = () => ({ value: s.items });
  useFormValue(form, s.items, s.versions.items, toValues);
  const v = Form.useWatch('value', form);
  const days = t('dispatchSettings.workdays');

  const onFinish = (values: ItemValues) => {
    const body = validateWith(form, DispatchSettingsUpdate, {
      part: 'items',
      value: values.value,
      version: s.versions.items,
    });
    if (body) save.mutate(body, { onSuccess: () => setStale(false) });
  };

  return (
    <Form<ItemValues>
      form={form}
      name="dispatch-items"
      layout="vertical"
      onFinish={onFinish}
      initialValues={toValues()}
      style={{ height: '100%' }}
      onValuesChange={(changed) => clearChangedErrors(form, changed)}
    >
      <PartCard
        title={t('dispatchSettings.items.title')}
        intro={t('dispatchSettings.items.intro')}
        version={s.versions.items}
        stale={stale}
        footer={
          <Buttons
            canEdit={canEdit}
            saving={save.isPending}
            onUndo={() => form.setFieldsValue(toValues())}
            onDefaults={() => form.setFieldsValue({ value: DEFAULT_ITEM_SETTINGS })}
          />
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <IntField
              name={['value', 'deadlineDays']}
              label={t('dispatchSettings.deadlineDays')}
              help={t('dispatchSettings.deadlineDaysHelp')}
              suffix={days}
              min={1}
              max={60}
              disabled={!canEdit}
            />
          </Col>
          <Col xs={24} sm={12}>
            <IntField
              name={['value', 'escalationStepDays']}
              label={t('dispatchSettings.escalationStepDays')}
              help={t('dispatchSettings.escalationStepDaysHelp')}
              suffix={days}
              min={1}
              max={60}
              disabled={!canEdit}
            />
          </Col>
        </Row>
        {v && typeof v.deadlineDays === 'number' && typeof v.escalationStepDays === 'number' && (
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={t('dispatchSettings.items.summary', { due: v.deadlineDays, step: v.escalationStepDays })}
          />
        )}
      </PartCard>
    </Form>
  );
}

// ── 法定节假日 ───────────────────────────────────────────────────────────────────────────────────────────────
/** A holiday as the notices give it: a name and its days from … to (每一天 stored apart). */
type HolidayRow = { range?: [Dayjs | null, Dayjs | null] | null; name?: string };
type WorkdayRow = { date?: Dayjs | null };
type CalendarValues = { holidays: HolidayRow[]; workdays: WorkdayRow[] };

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const toDayjs = (d: string) => dayjs(`${d}T00:00:00`);

/** Runs of consecutive days with the same name, as the notices list them (春节 2月15日至23日). */
function toCalendarValues(cal: CalendarData): CalendarValues {
  const dates = Object.keys(cal.holidays).sort();
  const rows: { from: string; to: string; name: string }[] = [];
  for (const d of dates) {
    const name = cal.holidays[d]!;
    const last = rows.at(-1);
    if (last && last.name === name && dayNumber(d) === dayNumber(last.to) + 1) last.to = d;
    else rows.push({ from: d, to: d, name });
  }
  return {
    holidays: rows.map((r) => ({ range: [toDayjs(r.from), toDayjs(r.to)], name: r.name })),
    workdays: [...cal.workdays].sort().map((d) => ({ date: toDayjs(d) })),
  };
}

type Built = { cal: CalendarData; errors: { path: string; message: string }[]; rowOfDate: Map<string, number> };

/** The rows as the setting stores them, day by day; the rows' own mistakes as field messages. */
function fromCalendarValues(t: T, v: CalendarValues): Built {
  const holidays: Record<string, string> = {};
  const rowOfDate = new Map<string, number>();
  const errors: Built['errors'] = [];
  (v.holidays ?? []).forEach((row, i) => {
    const [from, to] = row?.range ?? [];
    const name = row?.name?.trim() ?? '';
    if (!from || !to) errors.push({ path: `holidays.${i}.range`, message: t('dispatchSettings.cal.rangeRequired') });
    if (!name) errors.push({ path: `holidays.${i}.name`, message: t('dispatchSettings.cal.nameRequired') });
    if (!from || !to || !name) return;
    for (let d = day(from); d <= day(to); d = addDays(d, 1)) {
      const other = rowOfDate.get(d);
      if (other !== undefined) {
        errors.push({
          path: `holidays.${i}.range`,
          message: t('dispatchSettings.cal.overlap', { date: d, row: other + 1 }),
        });
        return;
      }
      holidays[d] = name;
      rowOfDate.set(d, i);
    }
  });
  const workdays: string[] = [];
  (v.workdays ?? []).forEach((row, i) => {
    if (!row?.date) {
      errors.push({ path: `workdays.${i}.date`, message: t('dispatchSettings.cal.dateRequired') });
      return;
    }
    const d = day(row.date);
    if (workdays.includes(d)) {
      errors.push({ path: `workdays.${i}.date`, message: t('dispatchSettings.cal.duplicate') });
      return;
    }
    workdays.push(d);
  });
  return { cal: { holidays, workdays }, errors, rowOfDate };
}

/**
 * The server's (or the schema's) message on the row it is about: `value.holidays.2027-02-10` → that holiday's row,
 * `value.workdays.3` → the fourth make-up day, `value.workdays` → the row of the date its message names.
 */
function toRowErrors(fields: { path: string; message: string }[], built: Built): { path: string; message: string }[] {
  const workdayRow = (d: string) => built.cal.workdays.indexOf(d);
  return fields.map(({ path, message }) => {
    const parts = path.split('.');
    const rest = parts[0] === 'value' ? parts.slice(1) : parts;
    if (rest[0] === 'holidays' && rest[1] && isIsoDate(rest[1])) {
      const row = built.rowOfDate.get(rest[1]);
      if (row !== undefined) return { path: `holidays.${row}.name`, message };
    }
    if (rest[0] === 'workdays') {
      const index = rest[1] !== undefined ? Number(rest[1]) : workdayRow(/\d{4}-\d{2}-\d{2}/.exec(message)?.[0] ?? '');
      if (Number.isInteger(index) && index >= 0) return { path: `workdays.${index}.date`, message };
    }
    return { path, message };
  });
}

function CalendarCard({ s, canEdit, onStale }: { s: DispatchSettings; canEdit: boolean; onStale: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<CalendarValues>();
  const [stale, setStale] = useState(false);
  const toValues = () => toCalendarValues(s.calendarExtra);
  useFormValue(form, s.calendarExtra, s.versions.calendar, toValues);
  const added = knownYears(s.calendarExtra);

  const show = (errors: { path: string; message: string }[]) => {
    const orphans = showFieldErrors(form, errors);
    if (orphans.length) toast.error(orphans.join(';'));
  };

  const save = useMutation({
    mutationFn: (v: { body: Update; built: Built }) => dispatchSettingsApi.save(v.body),
    onSuccess: (saved) => {
      setStale(false);
      qc.setQueryData(SETTINGS_KEY, saved);
      for (const queryKey of AFFECTED) void qc.invalidateQueries({ queryKey });
      toast.success(t('dispatchSettings.saved', { part: t('dispatchSettings.calendar.title') }));
    },
    onError: (err, v) => {
      if (isApiError(err) && err.fields.length) show(toRowErrors(err.fields, v.built));
      else
        handleSaveError(form, err, () => {
          onStale();
          setStale(true);
        });
    },
  });

  const onFinish = (values: CalendarValues) => {
    const built = fromCalendarValues(t, values);
    if (built.errors.length) return show(built.errors);
    const r = DispatchSettingsUpdate.safeParse({ part: 'calendar', value: built.cal, version: s.versions.calendar });
    if (!r.success) {
      return show(
        toRowErrors(
          r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
          built,
        ),
      );
    }
    save.mutate({ body: r.data, built });
  };

  const weekdayOf = (d: Dayjs | null | undefined) => {
    if (!d) return null;
    const wd = isoWeekday(day(d));
    return (
      <Typography.Text type={wd >= 6 ? 'secondary' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
        {weekdayName(t, wd)}
      </Typography.Text>
    );
  };

  return (
    <Form<CalendarValues>
      form={form}
      name="dispatch-calendar"
      layout="vertical"
      onFinish={onFinish}
      initialValues={toValues()}
      style={{ height: '100%' }}
      onValuesChange={(changed) => clearChangedErrors(form, changed)}
    >
      <PartCard
        title={t('dispatchSettings.calendar.title')}
        intro={t('dispatchSettings.calendar.intro')}
        version={s.versions.calendar}
        unsaved=""
        stale={stale}
        footer={<Buttons canEdit={canEdit} saving={save.isPending} onUndo={() => form.setFieldsValue(toValues())} />}
      >
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('dispatchSettings.cal.builtIn')}</Typography.Text>
          <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="built-in-years">
            {s.builtInYears.map((y) => (
              <Tag key={y} color="blue">
                {t('dispatchSettings.cal.year', { year: y })}
              </Tag>
            ))}
            {added.map((y) => (
              <Tag key={`added-${y}`} color="green">
                {t('dispatchSettings.cal.addedYear', { year: y })}
              </Tag>
            ))}
          </div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
            {t('dispatchSettings.cal.builtInHelp')}
          </Typography.Paragraph>
        </div>
        {!canEdit && (
          <Alert type="info" showIcon title={t('dispatchSettings.cal.adminOnly')} style={{ marginBottom: 12 }} />
        )}
        <Row gutter={[24, 0]}>
          <Col xs={24} xl={14}>
            <Typography.Text strong>{t('dispatchSettings.cal.holidays')}</Typography.Text>
            <Form.List name="holidays">
              {(rows, { add, remove }) => (
                <div style={{ marginTop: 8 }}>
                  {rows.length === 0 && (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatchSettings.cal.noHolidays')} />
                  )}
                  {rows.map((row) => (
                    <div key={row.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                      <Form.Item name={[row.name, 'range']} style={{ marginBottom: 8, flex: '1 1 240px' }}>
                        <DatePicker.RangePicker
                          disabled={!canEdit}
                          style={{ width: '100%' }}
                          placeholder={[t('dispatchSettings.cal.from'), t('dispatchSettings.cal.to')]}
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'name']} style={{ marginBottom: 8, flex: '1 1 120px' }}>
                        <Input
                          disabled={!canEdit}
                          maxLength={20}
                          placeholder={t('dispatchSettings.cal.namePlaceholder')}
                          aria-label={t('dispatchSettings.cal.name')}
                        />
                      </Form.Item>
                      {canEdit && (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('dispatchSettings.cal.remove')}
                          onClick={() => remove(row.name)}
                        />
                      )}
                    </div>
                  ))}
                  {canEdit && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                      {t('dispatchSettings.cal.addHoliday')}
                    </Button>
                  )}
                </div>
              )}
            </Form.List>
          </Col>
          <Col xs={24} xl={10}>
            <Typography.Text strong>{t('dispatchSettings.cal.workdays')}</Typography.Text>
            <Form.List name="workdays">
              {(rows, { add, remove }) => (
                <div style={{ marginTop: 8 }}>
                  {rows.length === 0 && (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatchSettings.cal.noWorkdays')} />
                  )}
                  {rows.map((row) => (
                    <div key={row.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                      <Form.Item name={[row.name, 'date']} style={{ marginBottom: 8, flex: '0 1 180px' }}>
                        <DatePicker disabled={!canEdit} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => (
                          <span style={{ lineHeight: '32px' }}>
                            {weekdayOf(form.getFieldValue(['workdays', row.name, 'date']) as Dayjs | null)}
                          </span>
                        )}
                      </Form.Item>
                      {canEdit && (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('dispatchSettings.cal.remove')}
                          onClick={() => remove(row.name)}
                        />
                      )}
                    </div>
                  ))}
                  {canEdit && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                      {t('dispatchSettings.cal.addWorkday')}
                    </Button>
                  )}
                </div>
              )}
            </Form.List>
          </Col>
        </Row>
      </PartCard>
    </Form>
  );
}

/**
 * 周调度设置: when reports are due, when a project's light turns yellow or red, how long a unit has for an item, and
 * the later years of the official holiday calendar. Each card saves its own part with the version it read.
 */
export function DispatchSettingsPage() {
  const t = useT();
  const me = useMe();
  const q = useQuery({ queryKey: SETTINGS_KEY, queryFn: dispatchSettingsApi.get });
  const s = q.data;
  const canEdit = me.can.reviewWeekly;
  const refetch = () => void q.refetch();
  let body: ReactNode;
  if (q.isError && !s) body = <LoadError message={q.error.message} onRetry={refetch} />;
  else if (!s) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ScheduleCard s={s} canEdit={canEdit} onStale={refetch} />
        </Col>
        <Col xs={24} xl={12}>
          <ThresholdsCard s={s} canEdit={canEdit} onStale={refetch} />
        </Col>
        <Col xs={24} xl={8}>
          <ItemsCard s={s} canEdit={canEdit} onStale={refetch} />
        </Col>
        <Col xs={24} xl={16}>
          <CalendarCard s={s} canEdit={me.can.administer} onStale={refetch} />
        </Col>
      </Row>
    );
  }
  return <Page title={t('dispatchSettings.title')}>{body}</Page>;
}
