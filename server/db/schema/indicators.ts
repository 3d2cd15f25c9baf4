import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { regions } from './org.ts';

/**
 * 月分析 (issue #5). Figures are numeric(20,4) — exact decimals, strings on both drivers, never floats — and may
 * be null: a blank published cell is not zero. Periods are 'YYYY-MM' (cumulative from January: "2026-09" = 1-9月).
 */
const figure = (name: string) => numeric(name, { precision: 20, scale: 4 });

/** 指标 catalog. */
export const indicators = pgTable('indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: varchar('code', { length: 40 }).notNull().unique('indicators_code_uq'),
  name: text('name').notNull(),
  shortName: text('short_name'),
  unit: text('unit').notNull(),
  /** `amount` | `rate` | `share` */
  kind: text('kind').notNull(),
  /** `higher_better` | `lower_better` */
  direction: text('direction').notNull(),
  /** `monthly` | `quarterly` */
  frequency: text('frequency').notNull(),
  precision: integer('precision').notNull(),
  /** `growth` | `value`; null: the kind's default */
  rankBy: text('rank_by'),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One region's published figures for one indicator and period: 累计值 and 同比增速, each as given. */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    indicatorCode: varchar('indicator_code', { length: 40 })
      .notNull()
      .references(() => indicators.code),
    period: varchar('period', { length: 7 }).notNull(),
    value: figure('value'),
    growth: figure('growth'),
    /** `manual` | `import` | `seed` */
    source: text('source').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('indicator_values_region_indicator_period_uq').on(t.regionCode, t.indicatorCode, t.period),
    index('indicator_values_indicator_period_idx').on(t.indicatorCode, t.period),
  ],
);

/** History: every change of a figure keeps the figures it replaced, who replaced them and when. */
export const indicatorValueRevisions = pgTable(
  'indicator_value_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    valueId: uuid('value_id')
      .notNull()
      .references(() => indicatorValues.id),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    indicatorCode: varchar('indicator_code', { length: 40 }).notNull(),
    period: varchar('period', { length: 7 }).notNull(),
    /** the figures before the change */
    value: figure('value'),
    growth: figure('growth'),
    source: text('source').notNull(),
    version: integer('version').notNull(),
    /** when and by whom they were replaced */
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
    replacedBy: uuid('replaced_by'),
    replacedByName: text('replaced_by_name').notNull(),
  },
  (t) => [index('indicator_value_revisions_value_idx').on(t.valueId, t.replacedAt)],
);

/** 对标组: the regions a region is ranked among, with the region whose figure is 全省 (全市). */
export const peerGroups = pgTable('peer_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** `province` | `city` */
  level: text('level').notNull(),
  label: text('label'),
  memberNoun: text('member_noun'),
  referenceRegionCode: varchar('reference_region_code', { length: 6 }).references(() => regions.code),
  /** the group a member region is ranked in when none is chosen */
  isDefault: boolean('is_default').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const peerGroupMembers = pgTable(
  'peer_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => peerGroups.id, { onDelete: 'cascade' }),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    /** administrative order, as the tables list them */
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.regionCode] }), index('peer_group_members_region_idx').on(t.regionCode)],
);

/** 目标: a region's annual target for one indicator — growth and/or amount, optionally with a time schedule. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    indicatorCode: varchar('indicator_code', { length: 40 })
      .notNull()
      .references(() => indicators.code),
    year: integer('year').notNull(),
    growth: figure('growth'),
    amount: figure('amount'),
    /** cumulative share of the amount due by month: [{ month, percent: "25" }] */
    schedule: jsonb('schedule').$type<{ month: number; percent: string }[] | null>(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name').notNull(),
  },
  (t) => [uniqueIndex('indicator_targets_region_indicator_year_uq').on(t.regionCode, t.indicatorCode, t.year)],
);
