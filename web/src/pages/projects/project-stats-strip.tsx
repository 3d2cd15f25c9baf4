import { useQuery } from '@tanstack/react-query';
import { Skeleton, Typography } from 'antd';
import { STAGES, type Stage } from '../../../../domain/projects/project.ts';
import { projectsApi } from '../../api/projects.ts';
import { formatAmount } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { StageTag, useProjectLabels } from './project-labels.tsx';

/**
 * 项目库概况: the count and Σ总投资 of every stage in the caller's scope (GET /api/projects/stats), one tile per
 * stage in lifecycle order; a tile filters the list to its stage.
 */
export function ProjectStatsStrip({ selected, onPick }: { selected?: readonly Stage[]; onPick: (s: Stage) => void }) {
  const t = useT();
  const labels = useProjectLabels();
  const q = useQuery({ queryKey: ['projects', 'stats'], queryFn: projectsApi.stats, meta: { silent: true } });
  if (q.isLoading) return <Skeleton.Input active block style={{ height: 72 }} />;
  if (!q.data) return null;
  const byStage = new Map(q.data.byStage.map((r) => [r.key, r]));
  const only = selected?.length === 1 ? selected[0] : undefined;
  return (
    <section aria-label={t('project.statsTitle')}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('project.statsTitle')}
      </Typography.Text>
      <div
        style={{
          display: 'flex',
          gap: 8,
          marginTop: 6,
          overflowX: 'auto',
          paddingBottom: 2,
        }}
      >
        {STAGES.map((s) => {
          const row = byStage.get(s);
          const active = only === s;
          return (
            <button
              key={s}
              type="button"
              onClick={() => onPick(s)}
              title={t('project.statsFilter', { stage: labels.stage(s) })}
              aria-pressed={active}
              style={{
                flex: '1 0 128px',
                textAlign: 'start',
                cursor: 'pointer',
                background: active ? '#e6f0ff' : '#fafafa',
                border: `1px solid ${active ? '#1d5fd6' : '#f0f0f0'}`,
                borderRadius: 6,
                padding: '8px 12px',
                font: 'inherit',
              }}
            >
              <StageTag stage={s} />
              <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.4, marginTop: 4 }}>
                {t('project.statsCount', { count: row?.count ?? 0 })}
              </div>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap' }}>
                {t('project.statsAmount', { amount: formatAmount(row?.totalInvestment ?? '0.00') })}
              </div>
            </button>
          );
        })}
      </div>
    </section>
  );
}
