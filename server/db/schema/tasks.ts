import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { leaders, units } from './org.ts';
import { files } from './platform.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 任务来源: the document tasks come from. `kind`: `work_report` | `meeting_minutes` | `higher_assignment` | `leader_instruction` */
export const taskSources = pgTable('task_sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  /** 文号, e.g. 示政办〔2026〕3号 */
  docNumber: text('doc_number'),
  issuedOn: date('issued_on', { mode: 'string' }),
  createdByName: text('created_by_name').notNull(),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

/**
 * 分工方案: one source decomposed into sections and tasks. The feedback cycle (`monthly` | `weekly` | `quarterly`)
 * and its due day, and the working days a lead unit has to claim, are the plan's.
 */
export const assignmentPlans = pgTable('assignment_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  sourceId: uuid('source_id')
    .notNull()
    .references(() => taskSources.id),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  feedbackCycle: text('feedback_cycle').notNull().default('monthly'),
  /** day of the month (monthly, quarterly: of the cycle's last month) or ISO weekday 1-7 (weekly) */
  feedbackDueDay: integer('feedback_due_day').notNull().default(25),
  claimWorkingDays: integer('claim_working_days').notNull().default(3),
  /** `active` | `archived` */
  status: text('status').notNull().default('active'),
  createdByName: text('created_by_name').notNull(),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

/** 一、二、… of a plan, in order. */
export const planSections = pgTable(
  'plan_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => assignmentPlans.id),
    ordinal: integer('ordinal').notNull(),
    /** the heading's number as written: 一 / (一) */
    label: text('label').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('plan_sections_plan_ordinal_uq').on(t.planId, t.ordinal)],
);

/**
 * 重点任务. `number` is unique within the plan (3.12) and is what makes a re-import idempotent. The deadline keeps the
 * source's words (`deadlineText`) next to the parsed form: `kind` `date` | `recurring` | `continuous`, the final date
 * for `date`, the recurrence for `recurring`. Status is never stored: it is computed from the deadline, milestones
 * and feedback (domain/tasks/status.ts). Only `done` is a fact, confirmed by the 督查室 (销号).
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => assignmentPlans.id),
    sectionId: uuid('section_id').references(() => planSections.id),
    parentId: uuid('parent_id'),
    number: varchar('number', { length: 32 }).notNull(),
    sort: integer('sort').notNull().default(0),
    content: text('content').notNull(),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => units.id),
    deadlineText: text('deadline_text').notNull(),
    deadlineKind: text('deadline_kind').notNull(),
    deadlineOn: date('deadline_on', { mode: 'string' }),
    /** `monthly` | `quarterly` | … for recurring deadlines */
    recurrence: text('recurrence'),
    /** the period the time share is measured from (plan year start unless given) */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    targetValue: numeric('target_value', { precision: 20, scale: 4 }),
    targetUnit: text('target_unit'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** 认领: `pending` | `claimed` | `disputed` */
    claimStatus: text('claim_status').notNull().default('pending'),
    claimDueOn: date('claim_due_on', { mode: 'string' }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedByName: text('claimed_by_name'),
    disputeReason: text('dispute_reason'),
    /** 申请销号 by the lead unit, then confirmed (or refused) by the 督查室 */
    doneRequestedAt: timestamp('done_requested_at', { withTimezone: true }),
    doneRequestNote: text('done_request_note'),
    doneRequestedByName: text('done_requested_by_name'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneConfirmedByName: text('done_confirmed_by_name'),
    doneRefusedReason: text('done_refused_reason'),
    /** the 督查室's rating: `on_track` | `at_risk` | `off_track` (the unit's own is on its latest feedback) */
    supervisorRating: text('supervisor_rating'),
    /** where the task came from when it was not imported: `{ type, id, label }` of a meeting decision, project… */
    origin: text('origin'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('tasks_plan_number_uq').on(t.planId, t.number),
    index('tasks_lead_unit_idx').on(t.leadUnitId),
    index('tasks_plan_sort_idx').on(t.planId, t.sort),
  ],
);

/** 配合单位 of a task. */
export const taskPartners = pgTable(
  'task_partners',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.unitId] }), index('task_partners_unit_idx').on(t.unitId)],
);

/** 责任领导 of a task (a leader's portfolio on the board is the tasks they answer for). */
export const taskLeaders = pgTable(
  'task_leaders',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => leaders.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.leaderId] }), index('task_leaders_leader_idx').on(t.leaderId)],
);

/** 节点: a dated intermediate result ("4月底前出台相关政策"). */
export const taskMilestones = pgTable(
  'task_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('task_milestones_task_idx').on(t.taskId)],
);

/**
 * One cycle's feedback of a task by its lead unit: 进展情况 / 存在问题 / 下步打算. `cycle` is "2026-03", "2026-W12" or
 * "2026-Q1". `draft` → `submitted` → `returned` | `accepted`; accepted is locked.
 */
export const taskFeedback = pgTable(
  'task_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    cycle: varchar('cycle', { length: 8 }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('draft'),
    progress: text('progress').notNull().default(''),
    problems: text('problems').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    completionPct: integer('completion_pct').notNull().default(0),
    quantValue: numeric('quant_value', { precision: 20, scale: 4 }),
    /** the unit's own confidence: `on_track` | `at_risk` | `off_track` */
    confidence: text('confidence'),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedByName: text('submitted_by_name'),
    returnComment: text('return_comment'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedByName: text('reviewed_by_name'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('task_feedback_task_cycle_uq').on(t.taskId, t.cycle),
    index('task_feedback_status_idx').on(t.status, t.dueOn),
  ],
);

/** A partner unit's part of a cycle's feedback; the lead's feedback shows it, nobody re-types it. */
export const taskFeedbackParts = pgTable(
  'task_feedback_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    cycle: varchar('cycle', { length: 8 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    progress: text('progress').notNull().default(''),
    problems: text('problems').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    updatedByName: text('updated_by_name').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('task_feedback_parts_uq').on(t.taskId, t.cycle, t.unitId)],
);

/** A task's history: claims, disputes, reassignments, feedback steps, 销号, ratings — who, when, what they wrote. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    action: text('action').notNull(),
    note: text('note'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name').notNull(),
    byUnitName: text('by_unit_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.at)],
);

/**
 * Evidence and attachments of the task and supervision objects: `ownerType` `task` | `feedback` | `done_request` |
 * `ladder_step` | `instruction_response` | `finding` | `rectification`.
 */
export const supervisionFiles = pgTable(
  'supervision_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    caption: text('caption'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('supervision_files_owner_idx').on(t.ownerType, t.ownerId)],
);
