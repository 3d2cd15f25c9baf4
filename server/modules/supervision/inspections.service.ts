import { PERMISSIONS } from '../../../domain/auth/permissions.ts';
import type { Role } from '../../../domain/auth/roles.ts';
import { businessDate } from '../../../domain/common/business-date.ts';
import {
  type AnswerValue,
  type ChecklistItem,
  type CompareTo,
  checkChecklist,
  checkInspectedOn,
  checkInspectionPhoto,
  compareWithReported,
  type FieldError,
  flagNote,
  missingAnswers,
  problemKindsOf,
  rectificationOverdue,
  validateAnswers,
} from '../../../domain/supervision/inspections.ts';
import type {
  ChecklistPut,
  FindingPut,
  Inspection,
  InspectionCreate,
  InspectionDetail,
  InspectionListQuery,
  InspectionPhoto,
  InspectionStatus,
  InspectionUpdate,
  Target,
  TargetDetail,
  TargetListQuery,
  TargetsAdd,
  TeamInput,
} from '../../../domain/supervision/inspections-contracts.ts';
import type {
  AnswerType,
  InspectionKind,
  ProblemKind,
  RectificationStatus,
} from '../../../domain/supervision/model.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { photoCoordinates, preparePhoto, recordPhotoFiles } from '../../platform/files/photos.ts';
import { flagWeeklyReports, reportedFigures } from '../dispatch/index.ts';
import { findUnitInDirectory } from '../org/index.ts';
import { groundbreakingBatches, type ProjectRef, projectsByIds, projectsOfBatch } from '../projects/index.ts';
import {
  planSectionsForInspection,
  seesAllTasks,
  type TaskTarget,
  tasksByIds,
  tasksOfSection,
} from '../tasks/index.ts';
import {
  type ChecklistRow,
  type FindingRow,
  type InspectionReach,
  type InspectionRow,
  inspectionRepo,
  type PhotoRow,
  type TargetView,
} from './inspections.repository.ts';
import { objectLink } from './instructions.objects.ts';
import { rectificationRepo } from './rectifications.repository.ts';
import { presentMany } from './rectifications.service.ts';

/**
 * 督查 campaigns: the 督查室 sets up a campaign (checklist, joint teams, targets chosen by batch, section or by hand,
 * each assigned to a team); a team's members record a finding per target on a phone, with photos checked by EXIF;
 * an answer that contradicts the project's weekly reports flags them. Rectifications are in rectifications.service.
 */

const ALL_SCOPE = { kind: 'all' } as const;

const seesAll = (actor: Actor) => actorMay(actor, 'inspection.manage') || seesAllTasks(actor);
export const inspectionReachOf = (actor: Actor): InspectionReach =>
  seesAll(actor) ? { all: true } : { all: false, userId: actor.userId };

export function assertMayReadInspections(actor: Actor) {
  if (!actorMay(actor, 'task.read') && !actorMay(actor, 'inspection.record')) throw appError('FORBIDDEN');
}
const assertMayRead = assertMayReadInspections;

async function campaignInReach(ctx: Ctx, actor: Actor, id: string): Promise<InspectionRow> {
  assertMayRead(actor);
  const c = await inspectionRepo.find(ctx.db, inspectionReachOf(actor), id);
  if (!c) throw appError('NOT_FOUND');
  return c;
}

const assertOpen = (c: InspectionRow) => {
  if (c.status === 'closed') throw appError('RULE_VIOLATED', { params: { what: '本次督查已结束,不能再修改' } });
};

/** A member of the team a target is assigned to may record its finding (an administrator always may). */
const mayRecord = (actor: Actor, c: InspectionRow, t: Pick<TargetView, 'memberUserIds'>) =>
  c.status !== 'closed' &&
  actorMay(actor, 'inspection.record') &&
  (actor.roles.includes('admin') || (t.memberUserIds ?? []).includes(actor.userId));

const checklistOf = (rows: ChecklistRow[]): ChecklistItem[] =>
  rows.map((r) => ({
    id: r.id,
    label: r.label,
    answerType: r.answerType as AnswerType,
    compareTo: r.compareTo as CompareTo | null,
    required: r.required,
  }));

const scopeOf = (c: InspectionRow) => ({
  picks: Array.isArray((c.scope as { picks?: unknown }).picks)
    ? ((c.scope as { picks: Record<string, unknown>[] }).picks ?? [])
    : [],
});

// ── campaigns ─────────────────────────────────────────────────────────────────────────────────────────────
async function presentCampaigns(ctx: Ctx, actor: Actor, rows: InspectionRow[]): Promise<Inspection[]> {
  const ids = rows.map((r) => r.id);
  const today = businessDate(ctx.now());
  const [counts, rects, member] = await Promise.all([
    inspectionRepo.counts(ctx.db, ids),
    inspectionRepo.rectificationFacts(ctx.db, ids),
    inspectionRepo.memberOfIds(ctx.db, actor.userId, ids),
  ]);
  const countOf = new Map(counts.map((c) => [c.inspectionId, c]));
  return rows.map((c) => {
    const n = countOf.get(c.id);
    const mine = rects.filter((r) => r.inspectionId === c.id);
    return {
      id: c.id,
      title: c.title,
      kind: c.kind as InspectionKind,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      status: c.status as InspectionStatus,
      scope: scopeOf(c),
      createdByName: c.createdByName,
      createdAt: c.createdAt.toISOString(),
      version: c.version,
      counts: {
        targets: Number(n?.targets ?? 0),
        inspected: Number(n?.inspected ?? 0),
        withProblems: Number(n?.withProblems ?? 0),
        rectificationsOpen: mine.filter((r) => r.status !== 'closed').length,
        rectificationsOverdue: mine.filter((r) =>
          rectificationOverdue(
            {
              status: r.status as RectificationStatus,
              dueOn: r.dueOn,
              submittedOn: r.submittedAt ? businessDate(r.submittedAt) : null,
            },
            today,
          ),
        ).length,
      },
      can: {
        manage: actorMay(actor, 'inspection.manage'),
        record:
          c.status !== 'closed' &&
          actorMay(actor, 'inspection.record') &&
          (member.has(c.id) || actor.roles.includes('admin')),
      },
    };
  });
}

export async function listInspections(ctx: Ctx, actor: Actor, q: InspectionListQuery) {
  assertMayRead(actor);
  const rows = await inspectionRepo.list(ctx.db, inspectionReachOf(actor), {
    ...(q.status ? { status: q.status } : {}),
    ...(q.q ? { q: q.q } : {}),
  });
  const from = (q.page - 1) * q.pageSize;
  return {
    items: await presentCampaigns(ctx, actor, rows.slice(from, from + q.pageSize)),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
    can: { create: actorMay(actor, 'inspection.manage') },
  };
}

export async function getInspection(ctx: Ctx, actor: Actor, id: string): Promise<InspectionDetail> {
  const c = await campaignInReach(ctx, actor, id);
  const [[base], items, answered, teams, targets] = await Promise.all([
    presentCampaigns(ctx, actor, [c]),
    inspectionRepo.checklist(ctx.db, id),
    inspectionRepo.answeredItemIds(ctx.db, id),
    inspectionRepo.teams(ctx.db, id),
    inspectionRepo.targets(ctx.db, id),
  ]);
  const people = await inspectionRepo.users(ctx.db, [...new Set(teams.flatMap((t) => t.memberUserIds))]);
  const unitNames = await inspectionRepo.unitNames(ctx.db, [...new Set(teams.flatMap((t) => t.unitIds))]);
  const personOf = new Map(people.map((p) => [p.id, p]));
  return {
    ...base!,
    checklist: items.map((it) => ({
      id: it.id,
      ordinal: it.ordinal,
      label: it.label,
      answerType: it.answerType as AnswerType,
      compareTo: it.compareTo as CompareTo | null,
      required: it.required,
      answered: answered.has(it.id),
    })),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      leaderName: t.leaderName,
      units: t.unitIds.map((u) => ({ id: u, name: unitNames.get(u) ?? '' })),
      members: t.memberUserIds.map((u) => ({
        id: u,
        name: personOf.get(u)?.name ?? '',
        unitName: personOf.get(u)?.unitName ?? '',
      })),
      targets: targets.filter((x) => x.teamId === t.id).length,
      inspected: targets.filter((x) => x.teamId === t.id && x.finding).length,
    })),
  };
}

export async function createInspection(ctx: Ctx, actor: Actor, input: InspectionCreate): Promise<InspectionDetail> {
  assertMay(actor, 'inspection.manage');
  const now = ctx.now();
  const today = businessDate(now);
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const row = await inspectionRepo.insert(tx, {
      title: input.title,
      kind: input.kind,
      scope: { picks: [] },
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      status: input.startsOn <= today ? 'active' : 'planned',
      createdBy: actor.userId,
      createdByName: actor.displayName,
      createdAt: now,
    });
    await audit({ action: 'inspection.create', entityType: 'inspection', entityId: row.id, after: input });
    return row.id;
  });
  return getInspection(ctx, actor, id);
}

export async function updateInspection(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: InspectionUpdate,
): Promise<InspectionDetail> {
  assertMay(actor, 'inspection.manage');
  await campaignInReach(ctx, actor, id);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const c = await inspectionRepo.findForUpdate(tx, id);
    if (!c) throw appError('NOT_FOUND');
    if (c.version !== input.version) throw appError('STALE_WRITE');
    const { version: _v, ...changes } = input;
    const startsOn = changes.startsOn ?? c.startsOn;
    const endsOn = changes.endsOn ?? c.endsOn;
    if (endsOn < startsOn) {
      throw appError('VALIDATION_FAILED', { fields: [{ path: 'endsOn', message: '结束日期不能早于开始日期' }] });
    }
    const updated = await inspectionRepo.update(tx, id, c.version, changes);
    if (!updated) throw appError('STALE_WRITE');
    await audit({
      action: 'inspection.update',
      entityType: 'inspection',
      entityId: id,
      before: { title: c.title, kind: c.kind, startsOn: c.startsOn, endsOn: c.endsOn, status: c.status },
      after: changes,
    });
  });
  return getInspection(ctx, actor, id);
}

/**
 * Replaces the checklist. Items keep their ids (answers are stored by item id); an item some finding answered can be
 * renamed or reordered but not removed, and its answer type and comparison cannot change.
 */
export async function putChecklist(ctx: Ctx, actor: Actor, id: string, input: ChecklistPut): Promise<InspectionDetail> {
  assertMay(actor, 'inspection.manage');
  const c = await campaignInReach(ctx, actor, id);
  assertOpen(c);
  const current = await inspectionRepo.checklist(ctx.db, id);
  const answered = await inspectionRepo.answeredItemIds(ctx.db, id);
  const byId = new Map(current.map((it) => [it.id, it]));
  const fields: FieldError[] = checkChecklist(input.items);
  input.items.forEach((it, i) => {
    if (it.id && !byId.has(it.id)) fields.push({ path: `items.${i}.id`, message: '检查项不存在,请刷新后重试' });
    const was = it.id ? byId.get(it.id) : undefined;
    if (was && answered.has(was.id) && (was.answerType !== it.answerType || (was.compareTo ?? null) !== it.compareTo)) {
      fields.push({ path: `items.${i}.answerType`, message: '该检查项已有检查记录,不能修改答案类型或对照项' });
    }
  });
  const kept = new Set(input.items.map((it) => it.id).filter(Boolean));
  const removed = current.filter((it) => !kept.has(it.id) && answered.has(it.id));
  for (const it of removed) fields.push({ path: 'items', message: `“${it.label}”已有检查记录,不能删除` });
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });

  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const locked = await inspectionRepo.findForUpdate(tx, id);
    if (!locked) throw appError('NOT_FOUND');
    if (locked.version !== input.version) throw appError('STALE_WRITE');
    await inspectionRepo.replaceChecklist(
      tx,
      id,
      input.items.map((it, i) => ({
        ...(it.id ? { id: it.id } : {}),
        inspectionId: id,
        ordinal: i + 1,
        label: it.label,
        answerType: it.answerType,
        compareTo: it.compareTo,
        required: it.required,
      })),
    );
    const bumped = await inspectionRepo.update(tx, id, locked.version, {});
    if (!bumped) throw appError('STALE_WRITE');
    await audit({
      action: 'inspection.checklist',
      entityType: 'inspection',
      entityId: id,
      before: { items: current.map((it) => ({ label: it.label, answerType: it.answerType })) },
      after: {
        items: input.items.map((it) => ({ label: it.label, answerType: it.answerType, compareTo: it.compareTo })),
      },
    });
  });
  return getInspection(ctx, actor, id);
}

// ── teams ─────────────────────────────────────────────────────────────────────────────────────────────────
const RECORDER_ROLES = PERMISSIONS['inspection.record'] as readonly Role[];

async function checkTeam(ctx: Ctx, actor: Actor, input: TeamInput): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  for (const [n, unitId] of input.unitIds.entries()) {
    const u = await findUnitInDirectory(ctx.db, actor, unitId);
    if (!u?.active) fields.push({ path: `unitIds.${n}`, message: '成员单位不存在或已停用' });
  }
  const people = await inspectionRepo.users(ctx.db, input.memberUserIds);
  const byId = new Map(people.map((p) => [p.id, p]));
  input.memberUserIds.forEach((userId, n) => {
    const p = byId.get(userId);
    if (!p?.active) fields.push({ path: `memberUserIds.${n}`, message: '组员账号不存在或已停用' });
    else if (!p.roles.some((r) => RECORDER_ROLES.includes(r as Role))) {
      fields.push({ path: `memberUserIds.${n}`, message: `${p.name}没有录入督查记录的权限` });
    }
  });
  if (new Set(input.memberUserIds).size !== input.memberUserIds.length) {
    fields.push({ path: 'memberUserIds', message: '组员不能重复' });
  }
  return fields;
}

export async function saveTeam(
  ctx: Ctx,
  actor: Actor,
  id: string,
  teamId: string | null,
  input: TeamInput,
): Promise<InspectionDetail> {
  assertMay(actor, 'inspection.manage');
  const c = await campaignInReach(ctx, actor, id);
  assertOpen(c);
  const before = teamId ? await inspectionRepo.team(ctx.db, id, teamId) : null;
  if (teamId && !before) throw appError('NOT_FOUND');
  const fields = await checkTeam(ctx, actor, input);
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const values = {
      name: input.name,
      leaderName: input.leaderName || null,
      unitIds: input.unitIds,
      memberUserIds: input.memberUserIds,
    };
    const row = teamId
      ? await inspectionRepo.updateTeam(tx, teamId, values)
      : await inspectionRepo.insertTeam(tx, { inspectionId: id, ...values });
    await audit({
      action: teamId ? 'inspection.team_update' : 'inspection.team_create',
      entityType: 'inspection',
      entityId: id,
      before: before ? { team: before.id, name: before.name, memberUserIds: before.memberUserIds } : null,
      after: { team: row?.id, ...values },
    });
  });
  return getInspection(ctx, actor, id);
}

export async function deleteTeam(ctx: Ctx, actor: Actor, id: string, teamId: string): Promise<InspectionDetail> {
  assertMay(actor, 'inspection.manage');
  const c = await campaignInReach(ctx, actor, id);
  assertOpen(c);
  const team = await inspectionRepo.team(ctx.db, id, teamId);
  if (!team) throw appError('NOT_FOUND');
  const recorded = (await inspectionRepo.targets(ctx.db, id, { teamId })).filter((t) => t.finding);
  if (recorded.length) {
    throw appError('RULE_VIOLATED', { params: { what: `${team.name}已录入${recorded.length}条检查记录,不能删除` } });
  }
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await inspectionRepo.deleteTeam(tx, teamId);
    await audit({
      action: 'inspection.team_delete',
      entityType: 'inspection',
      entityId: id,
      before: { team: team.id, name: team.name, memberUserIds: team.memberUserIds },
    });
  });
  return getInspection(ctx, actor, id);
}

// ── targets ───────────────────────────────────────────────────────────────────────────────────────────────
export async function targetOptions(ctx: Ctx, actor: Actor) {
  assertMay(actor, 'inspection.manage');
  const [batches, sections] = await Promise.all([
    groundbreakingBatches(ctx.db, actor.scope),
    planSectionsForInspection(ctx.db, actor),
  ]);
  return { batches, sections };
}

type Picked = { objectType: 'project' | 'task'; objectId: string; objectLabel: string; unitId: string };
const fromProject = (p: ProjectRef): Picked => ({
  objectType: 'project',
  objectId: p.id,
  objectLabel: p.name,
  unitId: p.unitId,
});
const fromTask = (t: TaskTarget): Picked => ({
  objectType: 'task',
  objectId: t.id,
  objectLabel: t.label,
  unitId: t.unitId,
});

/** Adds targets by scope (a groundbreaking batch, a plan section, a hand-picked list); those already in are skipped. */
export async function addTargets(ctx: Ctx, actor: Actor, id: string, input: TargetsAdd) {
  assertMay(actor, 'inspection.manage');
  const c = await campaignInReach(ctx, actor, id);
  assertOpen(c);
  if (input.teamId && !(await inspectionRepo.team(ctx.db, id, input.teamId))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'teamId', message: '督查组不存在' }] });
  }
  const s = input.scope;
  let picked: Picked[] = [];
  let pick: Record<string, unknown>;
  if (s.kind === 'projects_batch') {
    picked = (await projectsOfBatch(ctx.db, actor.scope, s.batch)).map(fromProject);
    if (!picked.length) {
      throw appError('VALIDATION_FAILED', { fields: [{ path: 'scope.batch', message: '该开工批次没有项目' }] });
    }
    pick = { kind: s.kind, batch: s.batch };
  } else if (s.kind === 'plan_section') {
    picked = (await tasksOfSection(ctx.db, actor, s.sectionId)).map(fromTask);
    if (!picked.length) {
      throw appError('VALIDATION_FAILED', {
        fields: [{ path: 'scope.sectionId', message: '该任务板块没有任务或无权访问' }],
      });
    }
    pick = { kind: s.kind, sectionId: s.sectionId };
  } else {
    const projectIds = s.objects.filter((o) => o.objectType === 'project').map((o) => o.objectId);
    const taskIds = s.objects.filter((o) => o.objectType === 'task').map((o) => o.objectId);
    const [ps, ts] = await Promise.all([
      projectsByIds(ctx.db, actor.scope, projectIds),
      tasksByIds(ctx.db, actor, taskIds),
    ]);
    const found = new Map<string, Picked>([
      ...ps.map((p) => [`project:${p.id}`, fromProject(p)] as const),
      ...ts.map((t) => [`task:${t.id}`, fromTask(t)] as const),
    ]);
    const fields: FieldError[] = [];
    s.objects.forEach((o, i) => {
      const hit = found.get(`${o.objectType}:${o.objectId}`);
      if (!hit) fields.push({ path: `scope.objects.${i}`, message: '检查对象不存在或无权访问' });
      else if (!picked.some((p) => p.objectId === hit.objectId)) picked.push(hit);
    });
    if (fields.length) throw appError('VALIDATION_FAILED', { fields });
    pick = { kind: s.kind, count: picked.length };
  }
  const now = ctx.now();
  const added = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const locked = await inspectionRepo.findForUpdate(tx, id);
    if (!locked) throw appError('NOT_FOUND');
    const rows = await inspectionRepo.insertTargets(
      tx,
      picked.map((p) => ({ inspectionId: id, teamId: input.teamId, ...p })),
    );
    const picks = [...scopeOf(locked).picks, { ...pick, added: rows.length, at: now.toISOString() }];
    await inspectionRepo.update(tx, id, locked.version, { scope: { picks } });
    await audit({
      action: 'inspection.targets_add',
      entityType: 'inspection',
      entityId: id,
      after: { pick, teamId: input.teamId, added: rows.length, skipped: picked.length - rows.length },
    });
    return rows.length;
  });
  return { added, skipped: picked.length - added };
}

export async function assignTargets(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { targetIds: string[]; teamId: string | null },
) {
  assertMay(actor, 'inspection.manage');
  const c = await campaignInReach(ctx, actor, id);
  assertOpen(c);
  if (input.teamId && !(await inspectionRepo.team(ctx.db, id, input.teamId))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'teamId', message: '督查组不存在' }] });
  }
  const n = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const rows = await inspectionRepo.assignTargets(tx, id, input.targetIds, input.teamId);
    await audit({
      action: 'inspection.targets_assign',
      entityType: 'inspection',
      entityId: id,
      after: { teamId: input.teamId, targetIds: rows.map((r) => r.id) },
    });
    return rows.length;
  });
  return { added: n, skipped: input.targetIds.length - n };
}

export async function removeTarget(ctx: Ctx, actor: Actor, id: string, targetId: string) {
  assertMay(actor, 'inspection.manage');
  const c = await campaignInReach(ctx, actor, id);
  assertOpen(c);
  const t = await inspectionRepo.target(ctx.db, id, targetId);
  if (!t) throw appError('NOT_FOUND');
  if (t.finding) throw appError('RULE_VIOLATED', { params: { what: '已有检查记录的对象不能移出' } });
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const gone = await inspectionRepo.deleteTarget(tx, id, targetId);
    if (!gone.length) throw appError('STALE_WRITE');
    await audit({
      action: 'inspection.target_remove',
      entityType: 'inspection',
      entityId: id,
      before: { target: t.id, objectType: t.objectType, objectId: t.objectId, label: t.objectLabel },
    });
  });
}

function presentTarget(actor: Actor, c: InspectionRow, items: ChecklistItem[], t: TargetView): Target {
  return {
    id: t.id,
    objectType: t.objectType as Target['objectType'],
    objectId: t.objectId,
    objectLabel: t.objectLabel,
    unitId: t.unitId,
    unitName: t.unitName,
    teamId: t.teamId,
    teamName: t.teamName,
    finding: t.finding
      ? {
          id: t.finding.id,
          inspectedOn: t.finding.inspectedOn,
          problemKinds: t.finding.problemKinds as ProblemKind[],
          recordedByName: t.finding.recordedByName,
          photos: t.photos,
          complete: missingAnswers(items, t.finding.answers).length === 0,
        }
      : null,
    rectifications: { total: t.rectTotal, open: t.rectOpen },
    can: { record: mayRecord(actor, c, t) },
  };
}

export async function listTargets(ctx: Ctx, actor: Actor, id: string, q: TargetListQuery) {
  const c = await campaignInReach(ctx, actor, id);
  const [rows, items] = await Promise.all([
    inspectionRepo.targets(ctx.db, id, {
      ...(q.mine ? { memberUserId: actor.userId } : {}),
      ...(q.teamId ? { teamId: q.teamId } : {}),
      ...(q.q ? { q: q.q } : {}),
    }),
    inspectionRepo.checklist(ctx.db, id).then(checklistOf),
  ]);
  const shown = rows.filter((t) =>
    q.state === 'pending'
      ? !t.finding
      : q.state === 'inspected'
        ? t.finding !== null
        : q.state === 'problems'
          ? (t.finding?.problemKinds.length ?? 0) > 0
          : true,
  );
  return { items: shown.map((t) => presentTarget(actor, c, items, t)), total: shown.length };
}

const photoUrl = (c: { id: string }, targetId: string, p: PhotoRow) =>
  `/api/inspections/${c.id}/targets/${targetId}/finding/photos/${p.id}`;
const presentPhoto = (c: { id: string }, targetId: string, p: PhotoRow): InspectionPhoto => ({
  id: p.id,
  url: photoUrl(c, targetId, p),
  thumbUrl: `${photoUrl(c, targetId, p)}?thumb=1`,
  takenAt: p.takenAt?.toISOString() ?? null,
  latitude: p.latitude === null ? null : Number(p.latitude),
  longitude: p.longitude === null ? null : Number(p.longitude),
  verified: p.verified,
  issues: p.issues,
  uploadedByName: p.uploadedByName,
  uploadedAt: p.uploadedAt.toISOString(),
});

async function reportedOf(ctx: Ctx, t: TargetView, onDate: string) {
  return t.objectType === 'project' ? reportedFigures(ctx.db, t.objectId, onDate) : null;
}

export async function getTarget(ctx: Ctx, actor: Actor, id: string, targetId: string): Promise<TargetDetail> {
  const c = await campaignInReach(ctx, actor, id);
  const t = await inspectionRepo.target(ctx.db, id, targetId);
  if (!t) throw appError('NOT_FOUND');
  const today = businessDate(ctx.now());
  const checklistRows = await inspectionRepo.checklist(ctx.db, id);
  const items = checklistOf(checklistRows);
  const answered = await inspectionRepo.answeredItemIds(ctx.db, id);
  const finding = await inspectionRepo.finding(ctx.db, targetId);
  const photos = finding ? await inspectionRepo.photos(ctx.db, finding.id) : [];
  const reported = await reportedOf(ctx, t, finding?.inspectedOn ?? today);
  const rects = finding
    ? await presentMany(
        ctx.db,
        actor,
        await rectificationRepo.list(ctx.db, { all: true }, { findingId: finding.id }),
        today,
      )
    : [];
  const base = presentTarget(actor, c, items, t);
  return {
    ...base,
    inspection: {
      id: c.id,
      title: c.title,
      kind: c.kind as InspectionKind,
      status: c.status as InspectionStatus,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
    },
    link: objectLink(t.objectType, t.objectId),
    checklist: checklistRows.map((it) => ({
      id: it.id,
      ordinal: it.ordinal,
      label: it.label,
      answerType: it.answerType as AnswerType,
      compareTo: it.compareTo as CompareTo | null,
      required: it.required,
      answered: answered.has(it.id),
    })),
    detail: finding
      ? {
          id: finding.id,
          answers: finding.answers,
          problemKinds: finding.problemKinds as ProblemKind[],
          note: finding.note,
          inspectedOn: finding.inspectedOn,
          recordedByName: finding.recordedByName,
          recordedAt: finding.recordedAt.toISOString(),
          photos: photos.map((p) => presentPhoto(c, targetId, p)),
          missing: missingAnswers(items, finding.answers),
          version: finding.version,
        }
      : null,
    reported,
    mismatches: finding ? compareWithReported(items, finding.answers as Record<string, AnswerValue>, reported) : [],
    rectificationList: rects,
    can: {
      record: base.can.record,
      openRectification:
        finding !== null && c.status !== 'closed' && (actorMay(actor, 'inspection.manage') || base.can.record),
    },
  };
}

/** The target a member records on: in reach, in a campaign still open, and the caller in its team. */
async function recordable(ctx: Ctx, actor: Actor, id: string, targetId: string) {
  assertMay(actor, 'inspection.record');
  const c = await campaignInReach(ctx, actor, id);
  const t = await inspectionRepo.target(ctx.db, id, targetId);
  if (!t) throw appError('NOT_FOUND');
  assertOpen(c);
  if (!mayRecord(actor, c, t)) throw appError('FORBIDDEN');
  return { c, t };
}

/**
 * Records (or corrects) a target's finding: answers checked per type, the problems chosen plus those the comparison
 * with the weekly reports finds; a mismatch flags the reports concerned in the same transaction.
 */
export async function recordFinding(
  ctx: Ctx,
  actor: Actor,
  id: string,
  targetId: string,
  input: FindingPut,
): Promise<TargetDetail> {
  const { c, t } = await recordable(ctx, actor, id, targetId);
  const now = ctx.now();
  const today = businessDate(now);
  const items = checklistOf(await inspectionRepo.checklist(ctx.db, id));
  const existing = await inspectionRepo.finding(ctx.db, targetId);
  const photoIds = existing ? (await inspectionRepo.photos(ctx.db, existing.id)).map((p) => p.id) : [];
  const checked = validateAnswers(items, input.answers, photoIds);
  const fields = [...(checked.ok ? [] : checked.errors), ...checkInspectedOn(input.inspectedOn, c, today)];
  if (fields.length || !checked.ok) throw appError('VALIDATION_FAILED', { fields });
  if ((existing?.version ?? null) !== input.version) throw appError('STALE_WRITE');

  const reported = await reportedOf(ctx, t, input.inspectedOn);
  const mismatches = compareWithReported(items, checked.value, reported);
  const problemKinds = problemKindsOf(input.problemKinds, mismatches);

  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const locked = await inspectionRepo.findingForUpdate(tx, targetId);
    if ((locked?.version ?? null) !== input.version) throw appError('STALE_WRITE');
    const values = {
      answers: checked.value,
      problemKinds,
      note: input.note,
      inspectedOn: input.inspectedOn,
      recordedBy: actor.userId,
      recordedByName: actor.displayName,
      recordedAt: now,
    };
    let row: FindingRow | null;
    if (locked) row = await inspectionRepo.updateFinding(tx, locked.id, locked.version, values);
    else row = await inspectionRepo.insertFinding(tx, { targetId, inspectionId: id, ...values });
    if (!row) throw appError('STALE_WRITE');
    let flagged: string[] = [];
    if (mismatches.length && t.objectType === 'project') {
      const note = flagNote(c.title, input.inspectedOn, mismatches);
      const investment = mismatches.some((m) => m.kind === 'investment_mismatch');
      flagged = await flagWeeklyReports(tx, t.objectId, note, now, {
        upTo: input.inspectedOn,
        latestOnly: !investment,
      });
    }
    await audit({
      action: 'inspection.finding_record',
      entityType: 'inspection',
      entityId: id,
      before: locked
        ? { target: targetId, answers: locked.answers, problemKinds: locked.problemKinds, note: locked.note }
        : null,
      after: { target: targetId, ...values, recordedAt: undefined, flaggedWeeklyReports: flagged },
    });
  });
  return getTarget(ctx, actor, id, targetId);
}

/**
 * Adds a photo to a target's saved finding, checked like a weekly report's (EXIF time against the day inspected,
 * place against the project's location, a re-used file). With `itemId` (a photo item) it is that item's answer too.
 */
export async function addFindingPhoto(
  ctx: Ctx,
  actor: Actor,
  id: string,
  targetId: string,
  itemId: string | undefined,
  upload: { name: string; bytes: Buffer; caption: string | null },
): Promise<InspectionPhoto> {
  const { t } = await recordable(ctx, actor, id, targetId);
  const finding = await inspectionRepo.finding(ctx.db, targetId);
  if (!finding) throw appError('RULE_VIOLATED', { params: { what: '请先保存检查结果,再上传照片' } });
  const item = itemId ? (await inspectionRepo.checklist(ctx.db, id)).find((it) => it.id === itemId) : undefined;
  if (itemId && item?.answerType !== 'photo') {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'itemId', message: '该检查项不是照片类' }] });
  }
  const prepared = await preparePhoto(ctx.files, upload);
  const { facts, stored } = prepared;
  const earlier = await inspectionRepo.earlierPhoto(ctx.db, stored.sha256, finding.id);
  // the site: a project's location (the inspector was sent there, whatever the library's scope says)
  const [site] = t.objectType === 'project' ? await projectsByIds(ctx.db, ALL_SCOPE, [t.objectId]) : [];
  const check = checkInspectionPhoto({
    takenAt: facts.takenAt,
    lat: facts.latitude,
    lng: facts.longitude,
    inspectedOn: finding.inspectedOn,
    site: site
      ? {
          lat: site.latitude === null ? null : Number(site.latitude),
          lng: site.longitude === null ? null : Number(site.longitude),
        }
      : null,
    reusedFrom: earlier,
  });
  const now = ctx.now();
  const photo = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const locked = await inspectionRepo.findingForUpdate(tx, targetId);
    if (!locked) throw appError('NOT_FOUND');
    const { file, thumbFile } = await recordPhotoFiles(tx, prepared, actor.userId, now);
    const row = await inspectionRepo.insertPhoto(tx, {
      findingId: locked.id,
      fileId: file.id,
      thumbFileId: thumbFile.id,
      sha256: stored.sha256,
      takenAt: facts.takenAt,
      ...photoCoordinates(facts),
      verified: check.verified,
      issues: check.reasons,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    });
    if (item) {
      const answers = { ...locked.answers };
      const list = Array.isArray(answers[item.id]) ? (answers[item.id] as string[]) : [];
      answers[item.id] = [...list, row.id];
      await inspectionRepo.updateFinding(tx, locked.id, locked.version, { answers });
    }
    await audit({
      action: 'inspection.photo_add',
      entityType: 'inspection',
      entityId: id,
      after: {
        target: targetId,
        photo: row.id,
        itemId: item?.id ?? null,
        sha256: stored.sha256,
        verified: check.verified,
        issues: check.reasons.map((x) => x.code),
      },
    });
    return row;
  });
  return presentPhoto({ id }, targetId, photo);
}

export async function findingPhotoBytes(
  ctx: Ctx,
  actor: Actor,
  id: string,
  targetId: string,
  photoId: string,
  thumb: boolean,
) {
  await campaignInReach(ctx, actor, id);
  const finding = await inspectionRepo.finding(ctx.db, targetId);
  if (!finding || finding.inspectionId !== id) throw appError('NOT_FOUND');
  const f = await inspectionRepo.photoFile(ctx.db, finding.id, photoId);
  if (!f) throw appError('NOT_FOUND');
  const sha = thumb && f.thumbSha256 ? f.thumbSha256 : f.sha256;
  const bytes = await ctx.files.get(sha);
  if (!bytes) throw appError('NOT_FOUND');
  return { bytes, mediaType: thumb && f.thumbSha256 ? 'image/jpeg' : f.mediaType, name: f.name };
}
