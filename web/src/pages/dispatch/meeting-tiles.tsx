import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MeetingData } from '../../api/dispatch-meeting.ts';
import { formatAmount } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { LIGHT_COLORS, pctText } from './dispatch-labels.tsx';

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

function Tile({ label, value, sub, testId }: { label: string; value: ReactNode; sub?: ReactNode; testId: string }) {
  return (
    <div
      data-tile={testId}
      style={{
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        padding: '10px 14px',
        minWidth: 0,
      }}
    >
      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>{label}</div>
      <div
        style={{
          fontSize: 22,
          fontWeight: 600,
          lineHeight: 1.3,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          ...tabular,
        }}
      >
        {value}
      </div>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)', minHeight: 18, ...tabular }}>{sub}</div>
    </div>
  );
}

/** "+12.3%" in red for a rise (the Chinese convention), green for a fall. */
function Growth({ pct }: { pct: string }) {
  const up = !pct.startsWith('-');
  return <span style={{ color: up ? '#cf1322' : '#389e0d' }}>{`${up ? '+' : ''}${pct}%`}</span>;
}

/** The week's totals as statistic tiles: two a row on a phone, six on a wide screen. */
export function MeetingTiles({ data, phone }: { data: MeetingData; phone: boolean }) {
  const t = useT();
  const { totals, yearOnYear: yoy, lists } = data;
  const dot = (light: 'red' | 'yellow' | 'green', n: number) => (
    <span data-light={light} style={{ color: LIGHT_COLORS[light] }}>
      {n}
    </span>
  );
  const escalated = lists.overdueItems.filter((i) => i.escalationLevel >= 2).length;
  return (
    <section
      aria-label={t('meeting.lead')}
      style={{
        display: 'grid',
        gridTemplateColumns: phone ? 'repeat(2, minmax(0, 1fr))' : 'repeat(auto-fill, minmax(150px, 1fr))',
        gap: phone ? 8 : 12,
      }}
    >
      <Tile
        testId="thisWeek"
        label={t('meeting.tile.thisWeek')}
        value={formatAmount(totals.investedThisWeek)}
        sub={t('meeting.tile.reported', { reported: totals.reported, projects: totals.projects })}
      />
      <Tile
        testId="ytd"
        label={t('meeting.tile.ytd')}
        value={formatAmount(totals.investedYtd)}
        sub={t('meeting.tile.plan', { plan: formatAmount(totals.annualPlan) })}
      />
      <Tile
        testId="completion"
        label={t('meeting.tile.completion')}
        value={<span style={{ color: LIGHT_COLORS[totals.light] }}>{pctText(totals.completionPct)}</span>}
        sub={t('meeting.tile.schedule', { pct: pctText(totals.schedulePct) })}
      />
      <Tile
        testId="yoy"
        label={t('meeting.tile.yoy')}
        value={yoy.growthPct === null ? '—' : <Growth pct={yoy.growthPct} />}
        sub={
          yoy.growthPct === null
            ? t('meeting.tile.noYoy')
            : t('meeting.tile.lastYear', { amount: formatAmount(yoy.lastYearYtd) })
        }
      />
      <Tile
        testId="lights"
        label={t('meeting.tile.lights')}
        value={
          <span>
            {dot('red', totals.lights.red)}
            <Typography.Text type="secondary"> / </Typography.Text>
            {dot('yellow', totals.lights.yellow)}
            <Typography.Text type="secondary"> / </Typography.Text>
            {dot('green', totals.lights.green)}
          </span>
        }
        sub={totals.lights.none ? t('meeting.tile.noPlan', { count: totals.lights.none }) : ''}
      />
      <Tile
        testId="missing"
        label={t('meeting.tile.missing')}
        value={<span style={{ color: lists.missing.length ? '#cf1322' : undefined }}>{lists.missing.length}</span>}
        sub={t('meeting.tile.streak', { count: lists.missingStreak.length })}
      />
      <Tile
        testId="items"
        label={t('meeting.tile.items')}
        value={
          <span style={{ color: lists.overdueItems.length ? '#d46b08' : undefined }}>{lists.overdueItems.length}</span>
        }
        sub={escalated ? t('meeting.tile.escalated', { count: escalated }) : ''}
      />
    </section>
  );
}
