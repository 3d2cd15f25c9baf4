import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { regions, units } from './org.ts';
import { files } from './platform.ts';

/**
 * 重点项目. Amounts are 万元 numeric(18,2) (strings on both drivers, never floats). The people responsible (lead
 * official, "1+3" team, site commissioner) are assignments (see org), so a handover moves them with history.
 */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    projectCode: varchar('project_code', { length: 24 }),
    ownerName: text('owner_name').notNull(),
    ownerUscc: varchar('owner_uscc', { length: 18 }),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    responsibleUnitId: uuid('responsible_unit_id')
      .notNull()
      .references(() => units.id),
    level: text('level').notNull(),
    category: text('category').notNull(),
    industry: text('industry'),
    fundingSource: text('funding_source').notNull(),
    totalInvestment: numeric('total_investment', { precision: 18, scale: 2 }).notNull(),
    annualPlan: numeric('annual_plan', { precision: 18, scale: 2 }),
    planYear: integer('plan_year').notNull(),
    /** twelve cumulative monthly amounts of the plan year, as "12345.60" strings */
    monthlyPlan: jsonb('monthly_plan').$type<string[] | null>(),
    plannedStartDate: date('planned_start_date', { mode: 'string' }),
    plannedCompletionDate: date('planned_completion_date', { mode: 'string' }),
    actualStartDate: date('actual_start_date', { mode: 'string' }),
    actualCompletionDate: date('actual_completion_date', { mode: 'string' }),
    newStart: boolean('new_start'),
    landArea: numeric('land_area', { precision: 14, scale: 2 }),
    expectedAnnualOutput: numeric('expected_annual_output', { precision: 18, scale: 2 }),
    expectedAnnualTax: numeric('expected_annual_tax', { precision: 18, scale: 2 }),
    energyUse: numeric('energy_use', { precision: 14, scale: 2 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    groundbreakingBatch: text('groundbreaking_batch'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    environmentalAssessment: boolean('environmental_assessment').notNull().default(false),
    obsoleteCapacity: boolean('obsolete_capacity').notNull().default(false),
    overcapacity: boolean('overcapacity').notNull().default(false),
    highEnergyHighEmission: boolean('high_energy_high_emission').notNull().default(false),
    /** 前期手续: { [item]: { done, date, docNo } } */
    approvals: jsonb('approvals')
      .$type<Record<string, { done: boolean; date?: string | null; docNo?: string | null }>>()
      .notNull()
      .default({}),
    stage: text('stage').notNull().default('pipeline'),
    suspendedFrom: text('suspended_from'),
    /** the admission gates failed at the last check: [{ gate, message, actual?, required? }] */
    admissionFailures: jsonb('admission_failures').$type<{ gate: string; message: string }[]>().notNull().default([]),
    /** gates a coordinator waived: [{ gate, reason, by, at }] */
    admissionOverrides: jsonb('admission_overrides')
      .$type<{ gate: string; reason: string; byUserId: string; byName: string; at: string }[]>()
      .notNull()
      .default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('projects_code_uq').on(t.projectCode),
    index('projects_region_idx').on(t.regionCode),
    index('projects_unit_idx').on(t.responsibleUnitId),
    index('projects_stage_idx').on(t.stage),
    index('projects_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index('projects_owner_trgm').using('gin', sql`${t.ownerName} gin_trgm_ops`),
    index('projects_code_trgm').using('gin', sql`${t.projectCode} gin_trgm_ops`),
    index('projects_updated_idx').on(t.updatedAt, t.id),
    index('projects_created_idx').on(t.createdAt),
  ],
);

/** 附件: documents and photos of a project. Removing one keeps the row (who and when), so history stays whole. */
export const projectAttachments = pgTable(
  'project_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    /** `document` | `photo` */
    kind: text('kind').notNull(),
    caption: text('caption'),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedByName: text('removed_by_name'),
  },
  (t) => [index('project_attachments_project_idx').on(t.projectId)],
);

/** 策划包装: a unit's yearly quota of projects to plan (number and total investment, 万元). */
export const planningQuotas = pgTable(
  'planning_quotas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    countQuota: integer('count_quota').notNull(),
    investmentQuota: numeric('investment_quota', { precision: 18, scale: 2 }).notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('planning_quotas_year_unit_uq').on(t.year, t.unitId)],
);
