import { Descriptions, Form, Input, InputNumber, Typography } from 'antd';
import type { ReactNode } from 'react';
import { MILESTONE_MAX, VISIBLE_PROGRESS_MAX, type WeeklyReport } from '../../../../domain/dispatch/contracts.ts';
import { formatAmount } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { AmountInput } from '../projects/project-inputs.tsx';
import { LightBadge, pctText } from './dispatch-labels.tsx';
import { livePacing } from './report-figures.ts';

/** The figures of a report as the form holds them. */
export type FigureValues = {
  investedThisWeek?: string | null;
  visibleProgress?: string;
  workersOnSite?: number | null;
  milestone?: string | null;
};

export const figuresOf = (r: WeeklyReport): FigureValues => ({
  investedThisWeek: r.investedThisWeek || null,
  visibleProgress: r.visibleProgress,
  workersOnSite: r.workersOnSite,
  milestone: r.milestone,
});

/** What the contracts take: nulls where the form has nothing (the server trims and checks). */
export const figuresForApi = (v: FigureValues) => ({
  investedThisWeek: v.investedThisWeek ?? '',
  visibleProgress: v.visibleProgress ?? '',
  workersOnSite: v.workersOnSite ?? null,
  milestone: v.milestone?.trim() ? v.milestone : null,
});

/**
 * 本周完成投资, 形象进度, 在岗人数, 本周节点 — the four things a reporter types; `between` goes under the amount (the
 * live cumulative). Large controls on a phone: a thumb on a building site.
 */
export function ReportFields({
  large,
  remaining,
  between,
}: {
  large?: boolean;
  /** the most this week may add, 万元 */
  remaining?: string;
  between?: ReactNode;
}) {
  const t = useT();
  const size = large ? ('large' as const) : undefined;
  return (
    <>
      <Form.Item
        name="investedThisWeek"
        label={t('dispatch.report.invested')}
        required
        extra={remaining ? t('dispatch.report.investedHelp', { max: formatAmount(remaining) }) : undefined}
        style={between ? { marginBottom: 8 } : undefined}
      >
        <AmountInput
          size={size}
          unit={t('dispatch.unitWan')}
          inputMode="decimal"
          placeholder="0.00"
          style={{ width: '100%', maxWidth: large ? undefined : 360 }}
        />
      </Form.Item>
      {between}
      <Form.Item name="visibleProgress" label={t('dispatch.report.visibleProgress')}>
        <Input.TextArea
          autoSize={{ minRows: large ? 2 : 3, maxRows: 8 }}
          maxLength={VISIBLE_PROGRESS_MAX}
          showCount
          placeholder={t('dispatch.report.visibleProgressPlaceholder')}
          style={large ? { fontSize: 16 } : undefined}
        />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)', gap: 12 }}>
        <Form.Item name="workersOnSite" label={t('dispatch.report.workers')}>
          <InputNumber<number>
            size={size}
            min={0}
            max={100_000}
            precision={0}
            controls={false}
            inputMode="numeric"
            suffix={t('dispatch.report.workersUnit')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="milestone" label={t('dispatch.report.milestone')}>
          <Input
            size={size}
            maxLength={MILESTONE_MAX}
            allowClear
            placeholder={t('dispatch.report.milestonePlaceholder')}
          />
        </Form.Item>
      </div>
    </>
  );
}

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)', whiteSpace: 'nowrap' }}>{label}</div>
      <div
        data-testid={testId}
        style={{ fontSize: 16, fontWeight: 600, lineHeight: 1.35, fontVariantNumeric: 'tabular-nums' }}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * 年度累计 / 完成年度计划 / 序时进度 / 预警 of the week. With `typed` (the form's amount) the cumulative and the
 * completion and the light follow the typing (the server's rule and thresholds, from domain/dispatch/warnings.ts).
 */
export function PacingStrip({ report, typed }: { report: WeeklyReport; typed?: string | null | undefined }) {
  const t = useT();
  const live = typed === undefined ? null : livePacing(report, typed);
  const p = report.pacing;
  const ytd = live ? live.ytd : formatAmount(p.investedYtd);
  const completion = live ? live.completionPct : p.completionPct;
  return (
    <section
      aria-label={t('dispatch.report.pacing')}
      style={{ background: '#f6f8fc', border: '1px solid #e6ebf5', borderRadius: 6, padding: '8px 12px' }}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(118px, 1fr))', gap: '8px 12px' }}>
        <Figure label={t('dispatch.report.ytdWan')} testId="live-ytd">
          {ytd}
        </Figure>
        <Figure label={t('dispatch.report.completion')} testId="live-completion">
          {pctText(completion)}
        </Figure>
        <Figure label={t('dispatch.report.schedule')}>{pctText(p.schedulePct)}</Figure>
        <Figure label={t('dispatch.report.light')}>
          <span style={{ fontSize: 15 }}>
            <LightBadge light={live ? live.light : p.light} />
          </span>
        </Figure>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {p.annualPlan === null
          ? t('dispatch.report.noPlan')
          : t('dispatch.report.annualPlan', { amount: formatAmount(p.annualPlan) })}
        {live?.invalid && <span style={{ color: '#cf1322' }}> · {t('dispatch.report.invalidAmount')}</span>}
      </Typography.Text>
    </section>
  );
}

/** The figures of a report that cannot be edited here (accepted, under review, or for a reader). */
export function ReportFiguresView({ report, phone }: { report: WeeklyReport; phone: boolean }) {
  const t = useT();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      column={1}
      size="small"
      bordered={!phone}
      styles={{ label: { width: phone ? 100 : 140, flex: 'none', whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'invested',
          label: t('dispatch.report.invested'),
          children: report.investedThisWeek ? (
            <span data-testid="figure-invested" style={{ fontVariantNumeric: 'tabular-nums', fontSize: 16 }}>
              {formatAmount(report.investedThisWeek)} {t('dispatch.unitWan')}
            </span>
          ) : (
            dash
          ),
        },
        {
          key: 'progress',
          label: t('dispatch.report.visibleProgress'),
          children: report.visibleProgress ? (
            <span style={{ whiteSpace: 'pre-wrap' }}>{report.visibleProgress}</span>
          ) : (
            dash
          ),
        },
        {
          key: 'workers',
          label: t('dispatch.report.workers'),
          children:
            report.workersOnSite === null ? dash : `${report.workersOnSite} ${t('dispatch.report.workersUnit')}`,
        },
        { key: 'milestone', label: t('dispatch.report.milestone'), children: report.milestone ?? dash },
      ]}
    />
  );
}
