import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { addWeeks, weekLabel, weekOfInstant } from '../../../../domain/common/iso-week.ts';
import { useLang, useT } from '../../lib/i18n.ts';
import { deadlineText } from './report-figures.ts';

/** '2026-W48' of today in Beijing; weeks after it cannot be reported. */
export const thisWeek = () => weekOfInstant(new Date());

/** The short language of the domain's labels. */
export function useShortLang(): 'zh' | 'en' {
  const [lang] = useLang();
  return lang === 'zh-CN' ? 'zh' : 'en';
}

/** "截止 11月27日(周五) 17:00" */
export function DeadlineText({ deadline, strong }: { deadline: string; strong?: boolean }) {
  const t = useT();
  const lang = useShortLang();
  return (
    <Typography.Text type={strong ? undefined : 'secondary'} strong={strong} style={{ whiteSpace: 'nowrap' }}>
      {t('dispatch.deadline', { time: deadlineText(deadline, lang) })}
    </Typography.Text>
  );
}

/**
 * ‹ 2026年第48周(11月23日—11月29日) › with the week's deadline: the board moves a week at a time, never past the
 * current week (a future week cannot be reported), and 本周 brings it back.
 */
export function WeekPicker({
  week,
  deadline,
  onChange,
}: {
  week: string;
  deadline?: string | undefined;
  onChange: (week: string) => void;
}) {
  const t = useT();
  const lang = useShortLang();
  const current = thisWeek();
  const atCurrent = week >= current;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
        <Tooltip title={t('dispatch.week.prev')}>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('dispatch.week.prev')}
            onClick={() => onChange(addWeeks(week, -1))}
          />
        </Tooltip>
        <Typography.Text strong data-testid="week-label" style={{ fontSize: 15, paddingInline: 4 }}>
          {weekLabel(week, lang)}
        </Typography.Text>
        <Tooltip title={t('dispatch.week.next')}>
          <Button
            icon={<RightOutlined />}
            aria-label={t('dispatch.week.next')}
            disabled={atCurrent}
            onClick={() => onChange(addWeeks(week, 1))}
          />
        </Tooltip>
      </div>
      {deadline && <DeadlineText deadline={deadline} />}
      {week !== current && (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onChange(current)}>
          {t('dispatch.week.current')}
        </Button>
      )}
    </div>
  );
}
