import { businessDate, businessYear } from '../../../domain/common/business-date.ts';
import { cumulativeEvenSpread, formatWan, parseWan, type Wan } from '../../../domain/common/money.ts';
import { subtreeCodes } from '../../../domain/org/region.ts';
import { AdmissionSettings, checkAdmission, type GateCode, rulesFor } from '../../../domain/projects/admission.ts';
import { projectCodeProblems } from '../../../domain/projects/codes.ts';
import type {
  OverrideRequest,
  ProjectCreate,
  ProjectListQuery,
  ProjectUpdate,
  TransitionRequest,
} from '../../../domain/projects/contracts.ts';
import { checkTransition, DEFAULT_MANDATORY_APPROVALS, explainTargets } from '../../../domain/projects/lifecycle.ts';
import {
  APPROVAL_ITEMS,
  type ApprovalItem,
  type ProjectFacts,
  type Stage,
  type SuspendableStage,
} from '../../../domain/projects/project.ts';
import { assertMay } from '../../platform/access/access.ts';
import { entityHistory } from '../../platform/audit/audit.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { appError, type FieldError } from '../../platform/errors/app-error.ts';
import {
  existingHolders,
  findRegion,
  findUnitInDirectory,
  openAssignmentsOf,
  type SubjectHolder,
  setSubjectAssignments,
} from '../org/index.ts';
import { type ProjectRow, projectRepo } from './projects.repository.ts';

type Row = Omit<ProjectRow, 'regionName' | 'unitName'>;

const PEOPLE_KINDS = ['lead_official', 'team_member', 'site_commissioner'] as const;

const toBig = (s: string | null): bigint | null => (s === null ? null : parseWan(s));

/** The plain facts the rules in domain/projects read, from a row. */
export function factsOf(p: Row): ProjectFacts {
  return {
    stage: p.stage as Stage,
    suspendedFrom: (p.suspendedFrom as SuspendableStage | null) ?? null,
    hasValidProjectCode: p.projectCode !== null,
    approvalsDone: APPROVAL_ITEMS.filter((i) => p.approvals[i]?.done),
    plannedStartDate: p.plannedStartDate,
    plannedCompletionDate: p.plannedCompletionDate,
    actualStartDate: p.actualStartDate,
    actualCompletionDate: p.actualCompletionDate,
    totalInvestment: parseWan(p.totalInvestment)!,
    annualPlan: toBig(p.annualPlan),
    landArea: toBig(p.landArea),
    expectedAnnualTax: toBig(p.expectedAnnualTax),
    expectedAnnualOutput: toBig(p.expectedAnnualOutput),
    energyUse: toBig(p.energyUse),
    environmentalAssessment: p.environmentalAssessment,
    obsoleteCapacity: p.obsoleteCapacity,
    overcapacity: p.overcapacity,
    highEnergyHighEmission: p.highEnergyHighEmission,
  };
}

/** Settings of the library, with defaults: admission rules per region and the approvals required to start. */
async function librarySettings(ctx: Ctx, conn: Conn) {
  const admission = await ctx.settings.get(conn, 'projects.admission', (raw) => AdmissionSettings.parse(raw ?? {}));
  const mandatory = await ctx.settings.get(conn, 'projects.mandatory_approvals', (raw) =>
    Array.isArray(raw) ? (raw as ApprovalItem[]) : [...DEFAULT_MANDATORY_APPROVALS],
  );
  return { admission: admission.value, mandatoryApprovals: mandatory.value };
}

async function regionAncestors(conn: Conn, code: string): Promise<string[]> {
  const out: string[] = [];
  let cur = await findRegion(conn, code);
  while (cur?.parentCode) {
    out.push(cur.parentCode);
    cur = await findRegion(conn, cur.parentCode);
  }
  return out;
}

async function admissionOf(ctx: Ctx, conn: Conn, p: Row) {
  const { admission } = await librarySettings(ctx, conn);
  const rules = rulesFor(p.regionCode, admission, await regionAncestors(conn, p.regionCode));
  return checkAdmission(
    factsOf(p),
    rules,
    p.admissionOverrides.map((o) => o.gate as GateCode),
  );
}

/** A possible next stage as the page shows it: allowed now, or the reasons it is not. */
export type TargetView = {
  stage: Stage;
  allowed: boolean;
  needsReason: boolean;
  blockers: { code: string; message: string }[];
};

// ── reads ────────────────────────────────────────────────────────────────────────────────────────────────
export async function getProject(ctx: Ctx, actor: Actor, id: string) {
  assertMay(actor, 'project.read');
  const row = await projectRepo.find(ctx.db, actor.scope, id);
  if (!row) throw appError('NOT_FOUND');
  const [people, settings] = await Promise.all([
    openAssignmentsOf(ctx.db, 'project', [id]),
    librarySettings(ctx, ctx.db),
  ]);
  const transitions = explainTargets(factsOf(row), {
    today: businessDate(ctx.now()),
    mandatoryApprovals: settings.mandatoryApprovals,
  }).map(
    (t): TargetView =>
      // entering preparation also needs the admission gates passed or waived: say so before the user tries
      t.stage === 'preparation' && row.admissionFailures.length
        ? {
            ...t,
            allowed: false,
            blockers: [
              ...t.blockers,
              ...row.admissionFailures.map((f) => ({ code: 'ADMISSION_FAILED', message: f.message })),
            ],
          }
        : t,
  );
  return { row, people, transitions };
}

export async function listProjects(ctx: Ctx, actor: Actor, q: ProjectListQuery) {
  assertMay(actor, 'project.read');
  let regionCodes: string[] | null = null;
  if (q.regionCode) {
    const { rawTree } = await regionTreeOf(ctx);
    regionCodes = subtreeCodes(q.regionCode, rawTree);
  }
  const page = await projectRepo.list(ctx.db, actor.scope, q, regionCodes);
  const people = await openAssignmentsOf(
    ctx.db,
    'project',
    page.items.map((p) => p.id),
  );
  return { ...page, people };
}

async function regionTreeOf(ctx: Ctx) {
  return { rawTree: await projectRepo.regionTree(ctx.db) };
}

export async function projectHistory(ctx: Ctx, actor: Actor, id: string) {
  await getProject(ctx, actor, id);
  return entityHistory(ctx.db, 'project', id);
}

export async function projectStats(ctx: Ctx, actor: Actor) {
  assertMay(actor, 'project.read');
  const [byStage, byCategory, byRegion, byLevel] = await Promise.all(
    (['stage', 'category', 'regionCode', 'level'] as const).map((d) => projectRepo.statsBy(ctx.db, actor.scope, d)),
  );
  return { byStage: byStage!, byCategory: byCategory!, byRegion: byRegion!, byLevel: byLevel! };
}

// ── writes ───────────────────────────────────────────────────────────────────────────────────────────────
type Input = ProjectCreate | ProjectUpdate;

/** References that must exist and lie in scope; the code's region segment and uniqueness. Every problem at once. */
export async function checkRefs(tx: Tx, actor: Actor, input: Input, selfId: string | null) {
  const fields: FieldError[] = [];
  const region = await findRegion(tx, input.regionCode);
  const inScope =
    actor.scope.kind === 'all' || (actor.scope.kind === 'region' && actor.scope.regionCodes.includes(input.regionCode));
  if (!region || ['country', 'province'].includes(region.kind)) {
    fields.push({ path: 'regionCode', message: '所属区县不存在' });
  } else if (!inScope && input.responsibleUnitId !== actor.unitId) {
    fields.push({ path: 'regionCode', message: '只能登记本辖区或本单位的项目' });
  }
  const unit = await findUnitInDirectory(tx, actor, input.responsibleUnitId);
  if (!unit) fields.push({ path: 'responsibleUnitId', message: '责任单位不存在' });
  else if (actor.scope.kind === 'unit' && unit.id !== actor.unitId) {
    fields.push({ path: 'responsibleUnitId', message: '只能登记本单位负责的项目' });
  }
  const leaderIds = input.leadOfficialId ? [input.leadOfficialId] : [];
  const userIds = [...input.teamMemberIds, ...(input.siteCommissionerId ? [input.siteCommissionerId] : [])];
  const found = await existingHolders(tx, actor, leaderIds, userIds);
  if (input.leadOfficialId && !found.leaders.has(input.leadOfficialId)) {
    fields.push({ path: 'leadOfficialId', message: '包抓领导不存在' });
  }
  input.teamMemberIds.forEach((id, i) => {
    if (!found.users.has(id)) fields.push({ path: `teamMemberIds.${i}`, message: '团队成员不存在' });
  });
  if (input.siteCommissionerId && !found.users.has(input.siteCommissionerId)) {
    fields.push({ path: 'siteCommissionerId', message: '驻工地专员不存在' });
  }
  if (input.projectCode) {
    const known = new Set<string>();
    const seg = input.projectCode.slice(5, 11);
    if (await findRegion(tx, seg)) known.add(seg);
    for (const message of projectCodeProblems(input.projectCode, (r) => known.has(r))) {
      fields.push({ path: 'projectCode', message });
    }
    if (await projectRepo.codeTaken(tx, input.projectCode, selfId)) {
      fields.push({ path: 'projectCode', message: '项目代码已被其他项目使用' });
    }
  }
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
}

function columnsOf(input: Input, now: Date) {
  const planYear = input.planYear ?? businessYear(now);
  const annual: Wan | null = input.annualPlan ? parseWan(input.annualPlan) : null;
  const monthlyPlan = input.monthlyPlan ?? (annual !== null ? cumulativeEvenSpread(annual, 12).map(formatWan) : null);
  return {
    name: input.name,
    projectCode: input.projectCode ?? null,
    ownerName: input.ownerName,
    ownerUscc: input.ownerUscc ?? null,
    regionCode: input.regionCode,
    responsibleUnitId: input.responsibleUnitId,
    level: input.level,
    category: input.category,
    industry: input.industry ?? null,
    fundingSource: input.fundingSource,
    totalInvestment: input.totalInvestment,
    annualPlan: input.annualPlan ?? null,
    planYear,
    monthlyPlan,
    plannedStartDate: input.plannedStartDate ?? null,
    plannedCompletionDate: input.plannedCompletionDate ?? null,
    landArea: input.landArea ?? null,
    expectedAnnualOutput: input.expectedAnnualOutput ?? null,
    expectedAnnualTax: input.expectedAnnualTax ?? null,
    energyUse: input.energyUse ?? null,
    longitude: input.longitude == null ? null : input.longitude.toFixed(6),
    latitude: input.latitude == null ? null : input.latitude.toFixed(6),
    groundbreakingBatch: input.groundbreakingBatch ?? null,
    tags: [...new Set(input.tags)],
    environmentalAssessment: input.environmentalAssessment,
    obsoleteCapacity: input.obsoleteCapacity,
    overcapacity: input.overcapacity,
    highEnergyHighEmission: input.highEnergyHighEmission,
    approvals: input.approvals as Row['approvals'],
  };
}

const peopleOf = (input: Input): SubjectHolder[] => [
  ...(input.leadOfficialId
    ? [{ kind: 'lead_official', holderType: 'leader' as const, holderId: input.leadOfficialId }]
    : []),
  ...input.teamMemberIds.map((id) => ({ kind: 'team_member', holderType: 'user' as const, holderId: id })),
  ...(input.siteCommissionerId
    ? [{ kind: 'site_commissioner', holderType: 'user' as const, holderId: input.siteCommissionerId }]
    : []),
];

/** What an audit record shows of a project: its columns without bookkeeping. */
const auditView = (p: Row, people?: SubjectHolder[]) => {
  const { version: _v, createdAt: _c, updatedAt: _u, ...rest } = p;
  return people ? { ...rest, people } : rest;
};

/**
 * Registers a project. It always starts in `pipeline`; the admission gates of its region are checked now and the
 * failed ones stored with it (a refused project is kept, with the reasons, not lost).
 */
export async function createProject(ctx: Ctx, actor: Actor, input: ProjectCreate) {
  assertMay(actor, 'project.edit');
  const id = await audited(ctx, auditActorOf(actor), (tx, audit) => createInTx(ctx, actor, tx, audit, input));
  return getProject(ctx, actor, id);
}

/** Creates one project inside the caller's transaction (single create and Excel import share it). */
export async function createInTx(ctx: Ctx, actor: Actor, tx: Tx, audit: Audit, input: ProjectCreate): Promise<string> {
  await checkRefs(tx, actor, input, null);
  const now = ctx.now();
  const draft = { ...columnsOf(input, now), stage: 'pipeline', admissionFailures: [], admissionOverrides: [] };
  let row = await projectRepo.insert(tx, { ...draft, createdAt: now, updatedAt: now });
  const admission = await admissionOf(ctx, tx, row);
  row = (await projectRepo.update(tx, row.id, row.version, { admissionFailures: admission.failed }, now))!;
  const people = peopleOf(input);
  await setSubjectAssignments(tx, { type: 'project', id: row.id, label: row.name }, PEOPLE_KINDS, people, now);
  await audit({ action: 'project.create', entityType: 'project', entityId: row.id, after: auditView(row, people) });
  return row.id;
}

export async function updateProject(ctx: Ctx, actor: Actor, id: string, input: ProjectUpdate) {
  assertMay(actor, 'project.edit');
  await audited(ctx, auditActorOf(actor), (tx, audit) => updateInTx(ctx, actor, tx, audit, id, input));
  return getProject(ctx, actor, id);
}

/**
 * Updates one project inside the caller's transaction. `keepPeople` leaves the lead official, team and site
 * commissioner as they are (an Excel import does not carry them).
 */
export async function updateInTx(
  ctx: Ctx,
  actor: Actor,
  tx: Tx,
  audit: Audit,
  id: string,
  input: ProjectUpdate,
  opts: { keepPeople?: boolean; action?: string } = {},
): Promise<void> {
  const before = await projectRepo.findForUpdate(tx, actor.scope, id);
  if (!before) throw appError('NOT_FOUND');
  if (before.version !== input.version) throw appError('STALE_WRITE');
  if (before.stage !== 'pipeline' && !input.projectCode) {
    throw appError('VALIDATION_FAILED', {
      fields: [{ path: 'projectCode', message: '前期及以后阶段的项目须有项目代码' }],
    });
  }
  await checkRefs(tx, actor, input, id);
  const now = ctx.now();
  const peopleBefore = (await openAssignmentsOf(tx, 'project', [id])).map((x) => ({
    kind: x.a.kind,
    holderType: x.a.holderType as SubjectHolder['holderType'],
    holderId: x.a.holderId,
  }));
  const columns = columnsOf(input, now);
  if (opts.keepPeople) Object.assign(columns, { approvals: { ...before.approvals, ...columns.approvals } });
  let after = await projectRepo.update(tx, id, input.version, columns, now);
  if (!after) throw appError('STALE_WRITE');
  const admission = await admissionOf(ctx, tx, after);
  after = (await projectRepo.update(tx, id, after.version, { admissionFailures: admission.failed }, now))!;
  const people = opts.keepPeople ? undefined : peopleOf(input);
  if (people) await setSubjectAssignments(tx, { type: 'project', id, label: after.name }, PEOPLE_KINDS, people, now);
  await audit({
    action: opts.action ?? 'project.update',
    entityType: 'project',
    entityId: id,
    before: auditView(before, people ? peopleBefore : undefined),
    after: auditView(after, people),
  });
}

/**
 * Changes the stage through the state machine: its blockers refuse with 422 and say why; entering `preparation`
 * also needs every admission gate passed or waived.
 */
export async function transitionProject(ctx: Ctx, actor: Actor, id: string, input: TransitionRequest) {
  assertMay(actor, 'project.transition');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await projectRepo.findForUpdate(tx, actor.scope, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw appError('STALE_WRITE');
    const { mandatoryApprovals } = await librarySettings(ctx, tx);
    const check = checkTransition(factsOf(before), input.to, {
      today: businessDate(ctx.now()),
      mandatoryApprovals,
      ...(input.reason ? { reason: input.reason } : {}),
    });
    const blockers: { code: string; message: string }[] = check.ok ? [] : check.blockers;
    let failures = before.admissionFailures;
    if (input.to === 'preparation') {
      const admission = await admissionOf(ctx, tx, before);
      failures = admission.failed;
      for (const f of admission.failed) blockers.push({ code: 'ADMISSION_FAILED', message: f.message });
    }
    if (!check.ok || blockers.length) {
      throw appError('RULE_VIOLATED', {
        params: { what: blockers.map((b) => b.message).join(';') },
        details: { blockers },
      });
    }
    const now = ctx.now();
    const after = await projectRepo.update(
      tx,
      id,
      input.version,
      { ...check.effects, admissionFailures: failures },
      now,
    );
    if (!after) throw appError('STALE_WRITE');
    await audit({
      action: 'project.transition',
      entityType: 'project',
      entityId: id,
      before: { stage: before.stage, suspendedFrom: before.suspendedFrom },
      after: check.effects,
      reason: input.reason ?? null,
    });
  });
  return getProject(ctx, actor, id);
}

/** A coordinator waives one failed admission gate, with a written reason that stays on the project. */
export async function overrideGate(ctx: Ctx, actor: Actor, id: string, input: OverrideRequest) {
  assertMay(actor, 'project.override');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await projectRepo.findForUpdate(tx, actor.scope, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw appError('STALE_WRITE');
    const current = await admissionOf(ctx, tx, before);
    if (!current.failed.some((f) => f.gate === input.gate)) {
      throw appError('RULE_VIOLATED', { params: { what: '该准入关未被拦截,无需豁免' } });
    }
    const now = ctx.now();
    const overrides = [
      ...before.admissionOverrides,
      {
        gate: input.gate,
        reason: input.reason,
        byUserId: actor.userId,
        byName: actor.displayName,
        at: now.toISOString(),
      },
    ];
    const failures = current.failed.filter((f) => f.gate !== input.gate);
    const after = await projectRepo.update(
      tx,
      id,
      input.version,
      { admissionOverrides: overrides, admissionFailures: failures },
      now,
    );
    if (!after) throw appError('STALE_WRITE');
    await audit({
      action: 'project.override_gate',
      entityType: 'project',
      entityId: id,
      before: { admissionFailures: before.admissionFailures },
      after: { gate: input.gate, admissionFailures: failures },
      reason: input.reason,
    });
  });
  return getProject(ctx, actor, id);
}
