import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 行政区划, keyed by the GB/T 2260 code. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    parentCode: varchar('parent_code', { length: 6 }).references((): never => regions.code as never),
    sort: integer('sort').notNull().default(0),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

/** 单位: departments, district governments, park committees, 督查室, 考核办, enterprises. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    kind: text('kind').notNull(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    parentUnitId: uuid('parent_unit_id'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('units_region_idx').on(t.regionCode), index('units_name_idx').on(t.name)],
);

/** 领导, with the portfolio (分管领域) and, through assignments, the units they oversee. */
export const leaders = pgTable(
  'leaders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    title: text('title').notNull(),
    portfolio: text('portfolio').notNull().default(''),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    userId: uuid('user_id'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('leaders_region_idx').on(t.regionCode)],
);

/**
 * A responsibility held by a user, unit or leader over some subject (a leader oversees a unit; later: a project's
 * lead official, a task's lead unit). Handover closes the open rows of one holder and opens the same for another,
 * so the history of who held what when is kept.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** the subject's name when assigned, so a listing needs no join into every module's tables */
    subjectLabel: text('subject_label').notNull(),
    holderType: text('holder_type').notNull(),
    holderId: uuid('holder_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    handoverId: uuid('handover_id'),
  },
  (t) => [
    index('assignments_holder_idx').on(t.holderType, t.holderId),
    index('assignments_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

export const handovers = pgTable('handovers', {
  id: uuid('id').primaryKey().defaultRandom(),
  holderType: text('holder_type').notNull(),
  fromId: uuid('from_id').notNull(),
  toId: uuid('to_id').notNull(),
  reason: text('reason').notNull(),
  moved: integer('moved').notNull(),
  actorId: uuid('actor_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
