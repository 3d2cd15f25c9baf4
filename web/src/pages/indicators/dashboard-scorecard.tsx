import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ValueRef } from '../../../../domain/indicators/contracts.ts';
import { periodLabel } from '../../../../domain/indicators/indicator.ts';
import type { ScorecardData, ScorecardSegmentData } from '../../api/indicators-analysis.ts';
import { copyText } from '../../components/copy.ts';
import { toast } from '../../lib/feedback.ts';
import { type MessageKey, type T, useT } from '../../lib/i18n.ts';

const FIELD_LABELS: Record<ValueRef['field'], MessageKey> = {
  value: 'indicatorDashboard.fieldValue',
  growth: 'indicatorDashboard.fieldGrowth',
  targetGrowth: 'indicatorDashboard.fieldTargetGrowth',
  targetAmount: 'indicatorDashboard.fieldTargetAmount',
};

const safePeriodLabel = (p: string) => {
  try {
    return periodLabel(p, { withYear: true });
  } catch {
    return p;
  }
};

export type SourceNames = {
  regions: ReadonlyMap<string, string>;
  indicators: ReadonlyMap<string, string>;
  /** the peer group the ranks were computed in: "全省11个市(区)" stands for all its members */
  group?: { label: string; size: number } | null;
};

/**
 * Where a number of the paragraph comes from, one line per indicator, period and field: "示范市 · 规上工业增加值 ·
 * 2026年1-10月 · 同比增速"; a rank names the peers it was computed among ("东川市等11个地区").
 */
export function sourceLines(refs: readonly ValueRef[], names: SourceNames, t: T): string[] {
  const groups = new Map<string, ValueRef[]>();
  for (const r of refs) {
    const key = `${r.indicatorCode}|${r.period}|${r.field}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    const regionNames = g.map((r) => names.regions.get(r.regionCode) ?? r.regionCode);
    let regions = regionNames.join('、');
    if (names.group && regionNames.length === names.group.size && regionNames.length > 1) regions = names.group.label;
    else if (regionNames.length > 3) {
      regions = t('indicatorDashboard.sourceRegions', { first: regionNames[0]!, count: regionNames.length });
    }
    const period = first.field.startsWith('target') ? `${first.period.slice(0, 4)}年` : safePeriodLabel(first.period);
    return [
      regions,
      names.indicators.get(first.indicatorCode) ?? first.indicatorCode,
      period,
      t(FIELD_LABELS[first.field]),
    ].join(' · ');
  });
}

function NumberSegment({
  segment,
  names,
  onPick,
}: {
  segment: Extract<ScorecardSegmentData, { kind: 'number' }>;
  names: SourceNames;
  onPick: (indicatorCode: string) => void;
}) {
  const t = useT();
  const lines = sourceLines(segment.refs, names, t);
  const code = segment.refs[0]?.indicatorCode;
  return (
    <Tooltip
      styles={{ root: { maxWidth: 'min(460px, 90vw)' } }}
      title={
        <div>
          <div style={{ fontWeight: 600 }}>{t('indicatorDashboard.source')}</div>
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      }
    >
      <Typography.Link
        className="scorecard-number"
        onClick={() => code && onPick(code)}
        style={{ textDecoration: 'underline dotted', textUnderlineOffset: 3 }}
      >
        {segment.text}
      </Typography.Link>
    </Tooltip>
  );
}

/** 成绩单: the paragraph for a meeting; every number names its source and picks its indicator; 复制 copies it. */
export function ScorecardCard({
  data,
  loading,
  error,
  names,
  onPick,
}: {
  data: ScorecardData | undefined;
  loading: boolean;
  error: Error | null;
  names: SourceNames;
  onPick: (indicatorCode: string) => void;
}) {
  const t = useT();
  const copy = async () => {
    if (!data) return;
    if (await copyText(data.text)) toast.success(t('indicatorDashboard.copied'));
    else toast.error(t('indicatorDashboard.copyFailed'));
  };
  let body: ReactNode;
  if (loading) body = <Skeleton active title={false} paragraph={{ rows: 4 }} />;
  else if (error) body = <Alert type="warning" showIcon title={error.message} />;
  else if (!data || data.segments.length === 0) {
    body = <Typography.Text type="secondary">{t('indicatorDashboard.scorecardEmpty')}</Typography.Text>;
  } else {
    body = (
      <>
        <Typography.Paragraph
          data-testid="scorecard-text"
          style={{ fontSize: 15, lineHeight: 2, marginBottom: 8, textAlign: 'justify' }}
        >
          {data.segments.map((s, i) =>
            s.kind === 'text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the paragraph's pieces have no other identity
              <span key={i}>{s.text}</span>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the paragraph's pieces have no other identity
              <NumberSegment key={i} segment={s} names={names} onPick={onPick} />
            ),
          )}
        </Typography.Paragraph>
        {data.missing.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('indicatorDashboard.scorecardMissing', {
              names: data.missing.map((c) => names.indicators.get(c) ?? c).join('、'),
            })}
          </Typography.Text>
        )}
      </>
    );
  }
  return (
    <Card
      title={t('indicatorDashboard.scorecard')}
      size="small"
      extra={
        <Button size="small" icon={<CopyOutlined />} onClick={copy} disabled={!data || data.segments.length === 0}>
          {t('indicatorDashboard.copy')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('indicatorDashboard.scorecardHelp')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}
