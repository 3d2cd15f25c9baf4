import { DownOutlined, UpOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  DatePicker,
  Input,
  InputNumber,
  type InputNumberProps,
  Row,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { cumulativeEvenSpread, formatWan, parseWan } from '../../../../domain/common/money.ts';
import { APPROVAL_ITEMS, type ApprovalItem } from '../../../../domain/projects/project.ts';
import { groupThousands } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useProjectLabels } from './project-labels.tsx';

/** Props for a Form.Item whose value is 'YYYY-MM-DD' text and whose control is a DatePicker. */
export const isoDateItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null),
};

/** An amount with two decimals kept as text ("12345.60", never a float), shown with thousands separators. */
export function AmountInput({ unit, ...props }: InputNumberProps<string> & { unit?: string }) {
  return (
    <InputNumber<string>
      stringMode
      min="0"
      precision={2}
      formatter={(v) => (v === undefined || v === null || v === '' ? '' : groupThousands(String(v)))}
      parser={(v) => (v ?? '').replace(/[,\s]/g, '')}
      suffix={unit}
      controls={false}
      style={{ width: '100%' }}
      {...props}
    />
  );
}

// ── 月度计划: 12 cumulative amounts, or null for the server's even spread ───────────────────────────────────
export type MonthlyPlanValue = (string | null)[] | null;

export const isEmptyPlan = (v: MonthlyPlanValue | undefined): boolean =>
  !v || v.every((x) => x === null || x === undefined || String(x).trim() === '');

/** The stored plan, or null when it is exactly the even spread of the annual plan (the default, not a choice). */
export function planForForm(monthly: string[] | null, annual: string | null): MonthlyPlanValue {
  if (!monthly) return null;
  const a = annual ? parseWan(annual) : null;
  if (a === null) return monthly;
  const even = cumulativeEvenSpread(a, 12).map(formatWan);
  return even.every((x, i) => x === monthly[i]) ? null : monthly;
}

/**
 * The optional monthly plan: collapsed by default (it then follows the annual plan evenly); opened, 12 cumulative
 * amounts with a button that fills the even spread to start from.
 */
export function MonthlyPlanInput({
  id,
  value,
  onChange,
  annualPlan,
}: {
  id?: string;
  value?: MonthlyPlanValue;
  onChange?: (v: MonthlyPlanValue) => void;
  annualPlan?: string | null;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const months = Array.from({ length: 12 }, (_, i) => value?.[i] ?? null);
  const empty = isEmptyPlan(value);
  const annual = annualPlan ? parseWan(String(annualPlan)) : null;
  const set = (i: number, v: string | null) => {
    const next = [...months];
    next[i] = v;
    onChange?.(isEmptyPlan(next) ? null : next);
  };
  return (
    <div id={id}>
      <Space wrap size={[8, 4]}>
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
        >
          {open ? t('common.collapse') : t('common.expand')}
          {open ? <UpOutlined /> : <DownOutlined />}
        </Button>
        <Typography.Text type={empty ? 'secondary' : undefined}>
          {empty ? t('project.monthlyPlanDefault') : t('project.monthlyPlanCustom')}
        </Typography.Text>
      </Space>
      {open && (
        <div style={{ marginTop: 8 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('project.monthlyPlanHint')}
          </Typography.Paragraph>
          <Row gutter={[12, 8]}>
            {months.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the twelve months are fixed
              <Col key={i} xs={12} sm={8} md={6} lg={4}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('project.monthShort', { month: i + 1 })}
                </Typography.Text>
                <AmountInput
                  value={m}
                  onChange={(v) => set(i, v ?? null)}
                  aria-label={t('project.monthShort', { month: i + 1 })}
                />
              </Col>
            ))}
          </Row>
          <Space wrap style={{ marginTop: 8 }}>
            <Button
              size="small"
              disabled={annual === null}
              onClick={() => annual !== null && onChange?.(cumulativeEvenSpread(annual, 12).map(formatWan))}
            >
              {t('project.monthlyPlanEven')}
            </Button>
            <Button size="small" disabled={empty} onClick={() => onChange?.(null)}>
              {t('project.monthlyPlanClear')}
            </Button>
          </Space>
        </div>
      )}
    </div>
  );
}

// ── 前期手续: done + date + 文号 per item ──────────────────────────────────────────────────────────────────────
export type ApprovalValue = { done?: boolean; date?: string | null; docNo?: string | null };
export type ApprovalsValue = Partial<Record<ApprovalItem, ApprovalValue>>;

/** What the API takes: the items with something filled in; an untouched item is left out. */
export function approvalsForApi(v: ApprovalsValue | undefined) {
  const out: Partial<Record<ApprovalItem, { done: boolean; date: string | null; docNo: string | null }>> = {};
  for (const item of APPROVAL_ITEMS) {
    const s = v?.[item];
    if (!s) continue;
    const docNo = s.docNo?.trim() || null;
    if (!s.done && !s.date && !docNo) continue;
    out[item] = { done: Boolean(s.done), date: s.date || null, docNo };
  }
  return out;
}

export function ApprovalsInput({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: ApprovalsValue;
  onChange?: (v: ApprovalsValue) => void;
}) {
  const t = useT();
  const labels = useProjectLabels();
  const set = (item: ApprovalItem, patch: ApprovalValue) =>
    onChange?.({ ...value, [item]: { ...value?.[item], ...patch } });
  return (
    <div id={id} style={{ display: 'flex', flexDirection: 'column' }}>
      {APPROVAL_ITEMS.map((item) => {
        const s = value?.[item] ?? {};
        const label = labels.approval(item);
        return (
          <div
            key={item}
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'center',
              gap: 8,
              padding: '6px 0',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            <Checkbox
              checked={Boolean(s.done)}
              onChange={(e) => set(item, { done: e.target.checked })}
              style={{ flex: '1 1 220px', minWidth: 200 }}
            >
              {label}
            </Checkbox>
            <DatePicker
              value={s.date ? dayjs(s.date) : null}
              onChange={(d) => set(item, { date: d ? d.format('YYYY-MM-DD') : null })}
              placeholder={t('project.approvalDate')}
              aria-label={`${label} ${t('project.approvalDate')}`}
              style={{ width: 150 }}
            />
            <Input
              value={s.docNo ?? ''}
              onChange={(e) => set(item, { docNo: e.target.value })}
              placeholder={t('project.approvalDocNo')}
              aria-label={`${label} ${t('project.approvalDocNo')}`}
              maxLength={100}
              style={{ flex: '1 1 180px', minWidth: 160 }}
            />
          </div>
        );
      })}
    </div>
  );
}
