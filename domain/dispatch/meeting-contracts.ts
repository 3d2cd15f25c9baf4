import { z } from 'zod';
import { STAGES } from '../projects/project.ts';
import { LIGHTS, REPORT_STATUSES, weekKey } from './contracts.ts';

/**
 * Contracts of the weekly dispatch meeting (周调度会): one read model the page shows and the bulletin (.docx) prints,
 * and the week's ledger (.xlsx). Amounts are strings of 万元 with two decimals ("12345.60"); rates are percent
 * with one decimal ("63.4"), gaps signed points ("-12.0").
 */
export const MeetingQuery = z.object({
  /** default: the current week once its report deadline has passed, else the week before */
  week: weekKey.optional(),
});
export type MeetingQuery = z.output<typeof MeetingQuery>;

export const LedgerQuery = z.object({ week: weekKey.optional() });
export type LedgerQuery = z.output<typeof LedgerQuery>;

const LightCounts = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  none: z.number().int(),
});

const PacingFields = {
  /** projects in the set (every reporting project in scope) */
  projects: z.number().int(),
  /** of them, with a counted (submitted or accepted) report this week */
  reported: z.number().int(),
  investedThisWeek: z.string(),
  investedYtd: z.string(),
  /** Σ of the annual plans of the week's year */
  annualPlan: z.string(),
  /** Σ of the planned cumulative amounts to the end of the week's month */
  scheduleCumulative: z.string(),
  completionPct: z.string().nullable(),
  schedulePct: z.string().nullable(),
  gapPoints: z.string().nullable(),
  light: z.enum(LIGHTS),
  lights: LightCounts,
};

/** One line of a breakdown (by district, responsible unit or category), ranked by completion rate. */
export const MeetingGroupRow = z.object({
  /** region code, unit id or category code */
  key: z.string(),
  name: z.string(),
  ...PacingFields,
  /** 1, 2, 2, 4 …; null without an annual plan */
  rank: z.number().int().nullable(),
  tied: z.boolean(),
});
export type MeetingGroupRow = z.infer<typeof MeetingGroupRow>;

const ProjectRef = {
  projectId: z.string(),
  projectName: z.string(),
  projectCode: z.string().nullable(),
  regionName: z.string(),
  responsibleUnitName: z.string(),
};

/** A red or yellow project (投资进度滞后). */
export const LaggingProject = z.object({
  ...ProjectRef,
  investedThisWeek: z.string().nullable(),
  investedYtd: z.string(),
  annualPlan: z.string().nullable(),
  completionPct: z.string().nullable(),
  schedulePct: z.string().nullable(),
  gapPoints: z.string().nullable(),
  light: z.enum(LIGHTS),
});

/** 应开未开: planned start passed, not started. */
export const OverdueStartProject = z.object({
  ...ProjectRef,
  stage: z.enum(STAGES),
  plannedStartDate: z.string(),
  daysOverdue: z.number().int(),
});

/** 开而未建: under construction, no investment in the last counted reports. */
export const IdleProject = z.object({
  ...ProjectRef,
  /** counted reports in a row with no investment, newest first */
  zeroWeeks: z.number().int(),
  /** the last week with investment, within the weeks looked at (null: none) */
  lastInvestedWeek: z.string().nullable(),
  investedYtd: z.string(),
});

/** 本周未报: the week's report is missing (grace over, nothing submitted). */
export const MissingReport = z.object({
  ...ProjectRef,
  status: z.enum([...REPORT_STATUSES, 'none'] as const),
  /** weeks missed in a row up to this one */
  streak: z.number().int(),
});

/** 连续未报: weeks missed in a row at or above the setting. */
export const MissingStreak = z.object({
  ...ProjectRef,
  weeks: z.number().int(),
  /** the last week with a submitted report (null: none in the weeks looked at) */
  lastReportedWeek: z.string().nullable(),
});

/** 逾期未办结协调事项. */
export const OverdueItem = z.object({
  itemId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  assignedUnitName: z.string(),
  status: z.string(),
  dueDate: z.string(),
  /** working days past the due date (the items module's rule) */
  daysOverdue: z.number().int(),
  escalationLevel: z.number().int(),
  escalationLabel: z.string(),
});

export const MeetingView = z.object({
  week: z.string(),
  weekLabel: z.string(),
  /** the business date the lists are judged on (today) */
  asOf: z.string(),
  /** 全市 / 城关区 / a unit's name: whose projects these are */
  scopeWord: z.string(),
  title: z.string(),
  thresholds: z.object({
    yellowBelowPoints: z.number().int(),
    redBelowPoints: z.number().int(),
    idleWeeks: z.number().int(),
    missingStreak: z.number().int(),
  }),
  totals: z.object({
    ...PacingFields,
    timing: z.object({
      onTime: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
      pending: z.number().int(),
    }),
  }),
  /**
   * The same week last year. Both years are summed over every project in scope with counted reports (also those
   * that have since left the reporting stages), so the growth compares like with like.
   */
  yearOnYear: z.object({
    lastYearWeek: z.string(),
    lastYearWeekLabel: z.string(),
    thisYearYtd: z.string(),
    lastYearYtd: z.string(),
    growthPct: z.string().nullable(),
    thisWeek: z.string(),
    lastYearThisWeek: z.string(),
    weekGrowthPct: z.string().nullable(),
  }),
  byRegion: z.array(MeetingGroupRow),
  byUnit: z.array(MeetingGroupRow),
  byCategory: z.array(MeetingGroupRow),
  lists: z.object({
    red: z.array(LaggingProject),
    yellow: z.array(LaggingProject),
    overdueStart: z.array(OverdueStartProject),
    idle: z.array(IdleProject),
    missing: z.array(MissingReport),
    missingStreak: z.array(MissingStreak),
    overdueItems: z.array(OverdueItem),
  }),
  /** the opening paragraph, as the bulletin prints it */
  lead: z.string(),
  can: z.object({ bulletin: z.boolean(), ledger: z.boolean() }),
});
export type MeetingView = z.infer<typeof MeetingView>;
