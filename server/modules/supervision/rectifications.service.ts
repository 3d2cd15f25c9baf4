import { businessDate } from '../../../domain/common/business-date.ts';
import {
  checkRectificationDue,
  RECTIFICATION_ACTION_LABELS,
  type RectificationAction,
  rectificationNext,
  rectificationOverdue,
} from '../../../domain/supervision/inspections.ts';
import type {
  Rectification,
  RectificationCreate,
  RectificationListQuery,
} from '../../../domain/supervision/inspections-contracts.ts';
import type { ProblemKind, RectificationStatus } from '../../../domain/supervision/model.ts';
import { actorMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { recordFile, storeUpload } from '../../platform/files/files.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { findUnitInDirectory } from '../org/index.ts';
import { seesAllTasks } from '../tasks/index.ts';
import { inspectionRepo } from './inspections.repository.ts';
import { type RectificationReach, type RectificationView, rectificationRepo } from './rectifications.repository.ts';

/**
 * 整改: what a finding requires of a unit by a date. The unit submits evidence (text and files); the team that
 * inspected the object (a member, or the 督查室) verifies and closes it, or rejects it with a reason — back to open.
 * Overdue is computed (domain/supervision/inspections.ts).
 */

const ANSWER_ROLES = ['unit_staff', 'coordinator'] as const;
export const rectificationLink = (id: string) => `/supervision/rectifications?id=${id}`;

const seesAll = (actor: Actor) => actorMay(actor, 'inspection.manage') || seesAllTasks(actor);
const reachOf = (actor: Actor): RectificationReach =>
  seesAll(actor) ? { all: true } : { all: false, unitId: actor.unitId, userId: actor.userId };

function assertMayRead(actor: Actor) {
  if (!actorMay(actor, 'task.read') && !actorMay(actor, 'inspection.record')) throw appError('FORBIDDEN');
}

/** The inspecting side: a member of the team that inspected the object, or the 督查室. */
const isVerifier = (actor: Actor, r: Pick<RectificationView, 'teamMemberUserIds'>) =>
  actorMay(actor, 'inspection.manage') ||
  (actorMay(actor, 'inspection.record') && (r.teamMemberUserIds ?? []).includes(actor.userId));
const isUnit = (actor: Actor, r: Pick<RectificationView, 'unitId'>) =>
  actorMay(actor, 'task.answer') && actor.unitId === r.unitId;

const submittedOn = (r: RectificationView) => (r.submittedAt ? businessDate(r.submittedAt) : null);

export function presentRectification(
  actor: Actor,
  r: RectificationView,
  files: { id: string; ownerId: string; name: string; size: number; uploadedByName: string; uploadedAt: Date }[],
  today: string,
): Rectification {
  const status = r.status as RectificationStatus;
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    inspectionTitle: r.inspectionTitle,
    findingId: r.findingId,
    targetId: r.targetId,
    objectType: r.objectType as Rectification['objectType'],
    objectLabel: r.objectLabel,
    problemKinds: r.problemKinds as ProblemKind[],
    unitId: r.unitId,
    unitName: r.unitName,
    requirement: r.requirement,
    dueOn: r.dueOn,
    status,
    overdue: rectificationOverdue({ status, dueOn: r.dueOn, submittedOn: submittedOn(r) }, today),
    evidence: r.evidence,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submittedByName: r.submittedByName,
    rejectReason: r.rejectReason,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    verifiedByName: r.verifiedByName,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    files: files
      .filter((f) => f.ownerId === r.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        size: f.size,
        url: `/api/rectifications/${r.id}/files/${f.id}`,
        uploadedByName: f.uploadedByName,
        uploadedAt: f.uploadedAt.toISOString(),
      })),
    version: r.version,
    can: {
      submit: isUnit(actor, r) && status === 'open',
      verify: isVerifier(actor, r) && status === 'submitted',
      reject: isVerifier(actor, r) && status === 'submitted',
      addFile: isUnit(actor, r) && status === 'open',
    },
  };
}

/** Present several, with their files in one query. */
export async function presentMany(conn: Conn, actor: Actor, rows: RectificationView[], today: string) {
  const files = await rectificationRepo.files(
    conn,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentRectification(actor, r, files, today));
}

export async function listRectifications(ctx: Ctx, actor: Actor, q: RectificationListQuery) {
  assertMayRead(actor);
  const today = businessDate(ctx.now());
  const rows = await rectificationRepo.list(ctx.db, reachOf(actor), {
    ...(q.mine ? { mine: { unitId: actor.unitId, userId: actor.userId } } : {}),
    ...(q.inspectionId ? { inspectionId: q.inspectionId } : {}),
    ...(q.id ? { id: q.id } : {}),
  });
  const all = await presentMany(ctx.db, actor, rows, today);
  const shown = all.filter((r) => (!q.status || r.status === q.status) && (!q.overdue || r.overdue));
  const from = (q.page - 1) * q.pageSize;
  return {
    items: shown.slice(from, from + q.pageSize),
    total: shown.length,
    page: q.page,
    pageSize: q.pageSize,
    counts: {
      open: all.filter((r) => r.status === 'open').length,
      submitted: all.filter((r) => r.status === 'submitted').length,
      closed: all.filter((r) => r.status === 'closed').length,
      overdue: all.filter((r) => r.overdue).length,
    },
  };
}

export async function getRectification(ctx: Ctx, actor: Actor, id: string): Promise<Rectification> {
  assertMayRead(actor);
  const r = await rectificationRepo.find(ctx.db, reachOf(actor), id);
  if (!r) throw appError('NOT_FOUND');
  const [one] = await presentMany(ctx.db, actor, [r], businessDate(ctx.now()));
  return one!;
}

/**
 * Opens a rectification from a finding: the rectifying unit defaults to the target's unit; a member of the team that
 * inspected it (or the 督查室) opens it; the unit is told.
 */
export async function openRectification(
  ctx: Ctx,
  actor: Actor,
  findingId: string,
  input: RectificationCreate,
): Promise<Rectification> {
  if (!actorMay(actor, 'inspection.record') && !actorMay(actor, 'inspection.manage')) throw appError('FORBIDDEN');
  const finding = await inspectionRepo.findingById(ctx.db, findingId);
  if (!finding) throw appError('NOT_FOUND');
  const reach = seesAll(actor) ? ({ all: true } as const) : ({ all: false, userId: actor.userId } as const);
  const campaign = await inspectionRepo.find(ctx.db, reach, finding.inspectionId);
  if (!campaign) throw appError('NOT_FOUND');
  const target = await inspectionRepo.target(ctx.db, campaign.id, finding.targetId);
  if (!target) throw appError('NOT_FOUND');
  if (!isVerifier(actor, { teamMemberUserIds: target.memberUserIds }) && !actor.roles.includes('admin')) {
    throw appError('FORBIDDEN');
  }
  const now = ctx.now();
  const today = businessDate(now);
  const fields = checkRectificationDue(input.dueOn, today);
  const unitId = input.unitId ?? target.unitId;
  const unit = await findUnitInDirectory(ctx.db, actor, unitId);
  if (!unit?.active) fields.push({ path: 'unitId', message: '整改责任单位不存在或已停用' });
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });

  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const row = await rectificationRepo.insert(tx, {
      findingId: finding.id,
      inspectionId: campaign.id,
      unitId,
      requirement: input.requirement,
      dueOn: input.dueOn,
      status: 'open',
      createdByName: actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await audit({
      action: 'rectification.open',
      entityType: 'rectification',
      entityId: row.id,
      after: { findingId: finding.id, unitId, requirement: input.requirement, dueOn: input.dueOn },
    });
    await notifyUnit(
      tx,
      unitId,
      ANSWER_ROLES,
      {
        kind: 'rectification',
        title: `整改通知:${target.objectLabel}`,
        body: `${input.requirement}(请于${input.dueOn}前完成整改并提交材料)`,
        link: rectificationLink(row.id),
        subjectType: 'rectification',
        subjectId: row.id,
      },
      now,
    );
    return row.id;
  });
  return getRectification(ctx, actor, id);
}

/** The unit submits evidence; the team verifies (closes) or rejects it with a reason. */
export async function actOnRectification(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: RectificationAction,
  input: { version: number; evidence?: string; reason?: string },
): Promise<Rectification> {
  const seen = await getRectification(ctx, actor, id);
  const allowed = action === 'submit' ? seen.can.submit : action === 'verify' ? seen.can.verify : seen.can.reject;
  const next = rectificationNext(seen.status, action);
  if (!next) {
    throw appError('RULE_VIOLATED', { params: { what: `当前状态下不能${RECTIFICATION_ACTION_LABELS[action].zh}` } });
  }
  if (!allowed) throw appError('FORBIDDEN');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const r = await rectificationRepo.findForUpdate(tx, id);
    if (!r) throw appError('NOT_FOUND');
    if (r.version !== input.version) throw appError('STALE_WRITE');
    if (rectificationNext(r.status as RectificationStatus, action) !== next) throw appError('STALE_WRITE');
    const values =
      action === 'submit'
        ? { evidence: input.evidence!, submittedAt: now, submittedByName: actor.displayName }
        : action === 'verify'
          ? { verifiedAt: now, verifiedByName: actor.displayName }
          : { rejectReason: input.reason! };
    const updated = await rectificationRepo.update(tx, id, r.version, { ...values, status: next, updatedAt: now });
    if (!updated) throw appError('STALE_WRITE');
    await audit({
      action: `rectification.${action}`,
      entityType: 'rectification',
      entityId: id,
      before: { status: r.status },
      after: {
        status: next,
        ...(input.evidence ? { evidence: input.evidence } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    const notice = {
      link: rectificationLink(id),
      subjectType: 'rectification',
      subjectId: id,
    };
    if (action === 'submit') {
      const target = seen.targetId;
      const campaign = await inspectionRepo.target(tx, seen.inspectionId, target);
      await notifyUsers(
        tx,
        campaign?.memberUserIds ?? [],
        {
          ...notice,
          kind: 'rectification_submitted',
          title: `整改材料待验收:${seen.objectLabel}`,
          body: input.evidence ?? null,
        },
        now,
      );
    } else {
      await notifyUnit(
        tx,
        r.unitId,
        ANSWER_ROLES,
        action === 'verify'
          ? {
              ...notice,
              kind: 'rectification_closed',
              title: `整改已验收销号:${seen.objectLabel}`,
              body: r.requirement,
            }
          : {
              ...notice,
              kind: 'rectification',
              title: `整改被退回,请重新整改:${seen.objectLabel}`,
              body: input.reason ?? null,
            },
        now,
      );
    }
  });
  return getRectification(ctx, actor, id);
}

/** An evidence file (supervision_files, owner 'rectification'), while the item is open. */
export async function addRectificationFile(
  ctx: Ctx,
  actor: Actor,
  id: string,
  upload: { name: string; bytes: Buffer; caption: string | null },
): Promise<Rectification> {
  const seen = await getRectification(ctx, actor, id);
  if (!seen.can.addFile) {
    if (isUnit(actor, seen)) throw appError('RULE_VIOLATED', { params: { what: '整改材料已提交,不能再添加附件' } });
    throw appError('FORBIDDEN');
  }
  const stored = await storeUpload(ctx.files, upload.name, upload.bytes);
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const file = await recordFile(tx, { ...stored, createdBy: actor.userId }, now);
    const row = await rectificationRepo.addFile(tx, {
      ownerType: 'rectification',
      ownerId: id,
      fileId: file.id,
      caption: upload.caption,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    });
    await audit({
      action: 'rectification.file_add',
      entityType: 'rectification',
      entityId: id,
      after: { file: row.id, name: stored.originalName, sha256: stored.sha256 },
    });
  });
  return getRectification(ctx, actor, id);
}

export async function rectificationFile(ctx: Ctx, actor: Actor, id: string, fileId: string) {
  await getRectification(ctx, actor, id);
  const f = await rectificationRepo.file(ctx.db, id, fileId);
  if (!f) throw appError('NOT_FOUND');
  const bytes = await ctx.files.get(f.sha256);
  if (!bytes) throw appError('NOT_FOUND');
  return { bytes, mediaType: f.mediaType, name: f.name };
}

// ── for the board and the inbox (exported through index.ts) ────────────────────────────────────────────────
/** Open rectifications (not closed) of one unit, or of every unit (`null`), with their computed overdue. */
export async function openRectifications(conn: Conn, unitId: string | null, today: string) {
  const rows = await rectificationRepo.openOfUnits(conn, unitId);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    inspectionTitle: r.inspectionTitle,
    objectLabel: r.objectLabel,
    requirement: r.requirement,
    dueOn: r.dueOn,
    status: r.status as RectificationStatus,
    overdue: rectificationOverdue(
      { status: r.status as RectificationStatus, dueOn: r.dueOn, submittedOn: submittedOn(r) },
      today,
    ),
    link: rectificationLink(r.id),
  }));
}
