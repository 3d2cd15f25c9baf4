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
import { units } from './org.ts';
import { files } from './platform.ts';
import { projects } from './projects.ts';

/**
 * 周报: one project's report for one ISO week ("2026-W48"). Amounts are 万元 numeric(18,2) (strings on both drivers).
 * The year's cumulative amount is never stored: it is the sum of the year's submitted weeks.
 */
export const weeklyReports = pgTable(
  'weekly_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    week: varchar('week', { length: 8 }).notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    /** `draft` | `submitted` | `returned` | `accepted` (late and missing are derived from the times) */
    status: text('status').notNull().default('draft'),
    investedThisWeek: numeric('invested_this_week', { precision: 18, scale: 2 }).notNull().default('0'),
    visibleProgress: text('visible_progress').notNull().default(''),
    workersOnSite: integer('workers_on_site'),
    milestone: text('milestone'),
    /** the first submission decides on time or late: a returned and resubmitted report keeps it */
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedByName: text('submitted_by_name'),
    returnedReason: text('returned_reason'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedByName: text('reviewed_by_name'),
    /** set when an inspection saw something different from what this report says (督查发现与上报不符) */
    inspectionFlag: text('inspection_flag'),
    inspectionFlaggedAt: timestamp('inspection_flagged_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('weekly_reports_project_week_uq').on(t.projectId, t.week),
    index('weekly_reports_week_idx').on(t.week, t.status),
  ],
);

/** A change asked for on an accepted (locked) report; approved by a coordinator. Both versions stay visible. */
export const weeklyReportAmendments = pgTable(
  'weekly_report_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => weeklyReports.id),
    /** `pending` | `approved` | `rejected` */
    status: text('status').notNull().default('pending'),
    reason: text('reason').notNull(),
    /** the report's figures when the request was made, and the figures asked for */
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull(),
    requestedBy: uuid('requested_by'),
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [index('weekly_report_amendments_report_idx').on(t.reportId)],
);

/** 现场照片 of a weekly report, with what its EXIF says and why it is unverified (never blocking). */
export const weeklyReportPhotos = pgTable(
  'weekly_report_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => weeklyReports.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    thumbFileId: uuid('thumb_file_id').references(() => files.id),
    /** the SHA-256 of the original bytes, to find a photo re-used from an earlier report */
    sha256: varchar('sha256', { length: 64 }).notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    verified: boolean('verified').notNull(),
    /** [{ code, zh, en }] */
    issues: jsonb('issues').$type<{ code: string; zh: string; en: string }[]>().notNull().default([]),
    reusedFromPhotoId: uuid('reused_from_photo_id'),
    caption: text('caption'),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('weekly_report_photos_report_idx').on(t.reportId), index('weekly_report_photos_sha_idx').on(t.sha256)],
);

/** 协调事项: a problem a project needs a unit to solve; deadline in working days of the official calendar. */
export const coordinationItems = pgTable(
  'coordination_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    reportId: uuid('report_id').references(() => weeklyReports.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    assignedUnitId: uuid('assigned_unit_id')
      .notNull()
      .references(() => units.id),
    raisedBy: uuid('raised_by'),
    raisedByName: text('raised_by_name').notNull(),
    raisedByUnitId: uuid('raised_by_unit_id').references(() => units.id),
    requestedDate: date('requested_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** `open` | `accepted` | `in_progress` | `resolved` | `closed_out` | `reopened` */
    status: text('status').notNull().default('open'),
    /** 0 the district or unit, 1 the city coordinator, 2 the leader's agenda */
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coordination_items_unit_idx').on(t.assignedUnitId, t.status),
    index('coordination_items_project_idx').on(t.projectId),
    index('coordination_items_status_due_idx').on(t.status, t.dueDate),
  ],
);

/** The item's history: every step with who, when and what they wrote. */
export const coordinationItemEvents = pgTable(
  'coordination_item_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => coordinationItems.id),
    /** `raised` | `accepted` | `responded` | `resolved` | `closed_out` | `reopened` | `escalated` */
    action: text('action').notNull(),
    note: text('note'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name').notNull(),
    byUnitName: text('by_unit_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coordination_item_events_item_idx').on(t.itemId, t.at)],
);

/**
 * In-app notifications (the bell), for every module. `dedupeKey` keeps a daily reminder from arriving twice.
 * `subjectType`/`subjectId` name what it is about (a weekly report, a coordination item, later a task).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
  ],
);

/** A unit's group robot (DingTalk / WeCom) that receives the unit's notifications. */
export const unitWebhooks = pgTable(
  'unit_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** `dingtalk` | `wecom` */
    provider: text('provider').notNull(),
    url: text('url').notNull(),
    /** DingTalk 加签 secret, if the robot uses one */
    secret: text('secret'),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('unit_webhooks_unit_idx').on(t.unitId)],
);

/** Every delivery attempt's outcome, so a failing robot is visible. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => unitWebhooks.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    /** `pending` | `delivered` | `failed` */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** when the next attempt is due (back-off after a failure); null once delivered or given up */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
