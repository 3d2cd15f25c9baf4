import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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
import { leaders, units } from './org.ts';
import { files } from './platform.ts';

/**
 * One step of the supervision ladder on one object: `step` `reminder` (催办) | `order` (督办单) | `notice` (通报) |
 * `admonition` (约谈) | `accountability` (问责). `objectType` `task` | `project` | `coordination_item` |
 * `weekly_report` | `instruction` | `rectification`; `objectLabel` is the object's name when the step was issued.
 * Orders and notices carry a register number per year ("督办〔2026〕12号"); `skipReason` is the written reason when
 * a step was issued before the one below it.
 */
export const ladderSteps = pgTable(
  'ladder_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    objectLabel: text('object_label').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    step: text('step').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq'),
    number: text('number'),
    /** notices: `critical` | `commending` */
    polarity: text('polarity'),
    /** why it is issued (and, for an order, what must be done: 督办要求) */
    reason: text('reason').notNull(),
    requirement: text('requirement'),
    dueOn: date('due_on', { mode: 'string' }),
    skipReason: text('skip_reason'),
    /** 约谈 */
    meetingOn: date('meeting_on', { mode: 'string' }),
    participants: text('participants'),
    record: text('record'),
    /** 问责 */
    decision: text('decision'),
    decisionRef: text('decision_ref'),
    /** `manual` or the rule that issued it (an automatic 催办) */
    origin: text('origin').notNull().default('manual'),
    issuedBy: uuid('issued_by'),
    issuedByName: text('issued_by_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    /** the unit's answer */
    response: text('response'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedByName: text('responded_by_name'),
    /** `open` | `answered` | `closed` */
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByName: text('closed_by_name'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('ladder_steps_object_idx').on(t.objectType, t.objectId, t.issuedAt),
    index('ladder_steps_unit_idx').on(t.unitId, t.year, t.step),
    uniqueIndex('ladder_steps_number_uq').on(t.step, t.year, t.seq),
  ],
);

/**
 * 批示: a leader's instruction on an object (or free-standing), naming units and a deadline. `kind` `act` needs a
 * response from every named unit; `read` (阅/参阅) needs none.
 */
export const instructions = pgTable(
  'instructions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => leaders.id),
    leaderName: text('leader_name').notNull(),
    objectType: text('object_type'),
    objectId: uuid('object_id'),
    objectLabel: text('object_label'),
    kind: text('kind').notNull().default('act'),
    text: text('text').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    /** `open` | `closed` */
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('instructions_leader_idx').on(t.leaderId, t.createdAt),
    index('instructions_object_idx').on(t.objectType, t.objectId),
  ],
);

/** A unit named in an instruction, and its response. */
export const instructionUnits = pgTable(
  'instruction_units',
  {
    instructionId: uuid('instruction_id')
      .notNull()
      .references(() => instructions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    response: text('response'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedByName: text('responded_by_name'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.instructionId, t.unitId] }), index('instruction_units_unit_idx').on(t.unitId)],
);

/**
 * 督查 campaign: `kind` `sweep` (拉网式) | `special` (专项). `scope` says how its objects were chosen
 * (`{ kind: 'projects_batch' | 'plan_section' | 'list', … }`); the objects themselves are `inspection_targets`.
 * `status` `planned` | `active` | `closed`.
 */
export const inspections = pgTable('inspections', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  scope: jsonb('scope').$type<Record<string, unknown>>().notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('planned'),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A checklist item: `answerType` `yes_no` | `number` | `text` | `photo`. `compareTo` names the reported figure the
 * answer is checked against (`reported_investment` | `reported_progress`), so a difference flags the weekly reports.
 */
export const inspectionChecklistItems = pgTable(
  'inspection_checklist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    ordinal: integer('ordinal').notNull(),
    label: text('label').notNull(),
    answerType: text('answer_type').notNull(),
    compareTo: text('compare_to'),
    required: boolean('required').notNull().default(true),
  },
  (t) => [uniqueIndex('inspection_checklist_items_uq').on(t.inspectionId, t.ordinal)],
);

/** A joint team (发改委、监察局、督查室、考核办): its units and the users who record findings. */
export const inspectionTeams = pgTable(
  'inspection_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    name: text('name').notNull(),
    leaderName: text('leader_name'),
    unitIds: uuid('unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    memberUserIds: uuid('member_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('inspection_teams_inspection_idx').on(t.inspectionId)],
);

/** An object to inspect, assigned to a team. `unitId` is the unit that answers for it (the rectifying unit). */
export const inspectionTargets = pgTable(
  'inspection_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    teamId: uuid('team_id').references(() => inspectionTeams.id),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    objectLabel: text('object_label').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    uniqueIndex('inspection_targets_uq').on(t.inspectionId, t.objectType, t.objectId),
    index('inspection_targets_team_idx').on(t.teamId),
  ],
);

/**
 * What the team found at one target: the checklist answers (`{ [itemId]: value }`), the problems by kind
 * (`progress_mismatch` | `investment_mismatch` | `not_started` | `safety` | `other`) and a note.
 */
export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => inspectionTargets.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    problemKinds: text('problem_kinds').array().notNull().default(sql`'{}'::text[]`),
    note: text('note').notNull().default(''),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    version: integer('version').notNull().default(1),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspection_findings_target_uq').on(t.targetId),
    index('inspection_findings_inspection_idx').on(t.inspectionId),
  ],
);

/** A finding's photo, with what its EXIF says (the same checks as weekly-report photos). */
export const inspectionPhotos = pgTable(
  'inspection_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => inspectionFindings.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    thumbFileId: uuid('thumb_file_id').references(() => files.id),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    verified: boolean('verified').notNull(),
    issues: jsonb('issues').$type<{ code: string; zh: string; en: string }[]>().notNull().default([]),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_photos_finding_idx').on(t.findingId)],
);

/**
 * 整改: what a finding requires of a unit by a date. `open` → `submitted` (evidence) → `closed` (verified) or back to
 * `open` with the team's reason (`rejectReason`).
 */
export const rectifications = pgTable(
  'rectifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => inspectionFindings.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    requirement: text('requirement').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    evidence: text('evidence'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedByName: text('submitted_by_name'),
    rejectReason: text('reject_reason'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedByName: text('verified_by_name'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rectifications_unit_idx').on(t.unitId, t.status),
    index('rectifications_inspection_idx').on(t.inspectionId),
  ],
);
