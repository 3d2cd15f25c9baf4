import { sql } from 'drizzle-orm';
import { businessDate } from '../../domain/common/business-date.ts';
import { COUNTRY_CODE } from '../../domain/org/region.ts';
import {
  assignments,
  indicators,
  leaders,
  planningQuotas,
  projects,
  regions,
  units,
  users,
} from '../db/schema/index.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { audited, type Ctx } from '../platform/context.ts';
import { generatePassword } from '../platform/crypto/crypto.ts';
import { hashPassword } from '../platform/crypto/password-hash.ts';
import { DEMO_ACCOUNTS, DEMO_LEADERS, DEMO_PASSWORD, DEMO_REGIONS, DEMO_UNITS } from './demo-data.ts';
import { planDemoDispatch, seedDemoDispatch } from './demo-dispatch.ts';
import { indicatorCatalogRows, seedDemoIndicators } from './demo-indicators.ts';
import { demoEntryDates, demoQuotas } from './demo-planning.ts';
import { demoProjects } from './demo-projects.ts';
import { seedDemoTasks } from './demo-tasks.ts';

export const hasUsers = async (ctx: Ctx): Promise<boolean> =>
  (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n > 0;

/** Creates the demo city in one transaction with one audit record. Call only on an empty database. */
export async function seedDemo(ctx: Ctx): Promise<{ accounts: { username: string; roles: string[] }[] }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await audited(ctx, SYSTEM_ACTOR, async (tx, audit) => {
    const now = ctx.now();
    await tx.insert(regions).values(DEMO_REGIONS.map((r) => ({ ...r, createdAt: now, updatedAt: now })));
    const unitRows = await tx
      .insert(units)
      .values(
        DEMO_UNITS.map(({ key: _key, ...u }, i) => ({
          ...u,
          aliases: u.aliases ?? [],
          sort: i,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: units.id, name: units.name });
    const unitId = new Map(DEMO_UNITS.map((u, i) => [u.key, unitRows[i]!.id]));
    const unitName = new Map(DEMO_UNITS.map((u) => [u.key, u.name]));
    const userRows = await tx
      .insert(users)
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          username: a.username,
          displayName: a.displayName,
          unitId: unitId.get(a.unit)!,
          roles: a.roles,
          phone: a.phone,
          passwordHash: hash,
          // demo accounts share a published password; a real install forces the change at first sign-in
          mustChangePassword: false,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const userId = new Map(userRows.map((u) => [u.username, u.id]));
    const leaderUser = new Map(DEMO_ACCOUNTS.filter((a) => a.leader).map((a) => [a.leader!, userId.get(a.username)!]));
    const leaderRows = await tx
      .insert(leaders)
      .values(
        DEMO_LEADERS.map((l, i) => ({
          name: l.name,
          title: l.title,
          portfolio: l.portfolio,
          regionCode: '990100',
          userId: leaderUser.get(l.key) ?? null,
          sort: i,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: leaders.id });
    await tx.insert(assignments).values(
      DEMO_LEADERS.flatMap((l, i) =>
        l.oversees.map((key) => ({
          kind: 'oversees_unit',
          subjectType: 'unit',
          subjectId: unitId.get(key)!,
          subjectLabel: unitName.get(key)!,
          holderType: 'leader',
          holderId: leaderRows[i]!.id,
          startedAt: now,
        })),
      ),
    );
    // ~300 projects of the library, with their lead officials, "1+3" teams and site commissioners
    const demo = demoProjects({
      today: businessDate(now),
      unitIdByKey: unitId,
      leaderIdByKey: new Map(DEMO_LEADERS.map((l, i) => [l.key, leaderRows[i]!.id])),
    });
    const entered = demoEntryDates(demo.projects, now);
    const projectRows = await tx
      .insert(projects)
      .values(demo.projects.map((p, i) => ({ ...p, createdAt: entered[i]!, updatedAt: now })))
      .returning({ id: projects.id, name: projects.name });
    const leaderId = new Map(DEMO_LEADERS.map((l, i) => [l.key, leaderRows[i]!.id]));
    if (demo.assignments.length) {
      await tx.insert(assignments).values(
        demo.assignments.map((a) => ({
          kind: a.kind,
          subjectType: 'project',
          subjectId: projectRows[a.projectIndex]!.id,
          subjectLabel: projectRows[a.projectIndex]!.name,
          holderType: a.holderType,
          holderId: a.holderType === 'leader' ? leaderId.get(a.holderKey)! : userId.get(a.holderKey)!,
          startedAt: now,
        })),
      );
    }
    // 策划包装 quotas of this year for the units that plan projects
    const year = Number(businessDate(now).slice(0, 4));
    const quotas = demoQuotas(demo.projects, entered, year);
    if (quotas.length) await tx.insert(planningQuotas).values(quotas.map((q) => ({ ...q, year, updatedAt: now })));
    // 周调度: weekly reports from January (26 weeks at least) to this week, site photos, coordination items
    const dispatch = await seedDemoDispatch(tx, ctx.files, {
      plan: planDemoDispatch({
        now,
        projects: demo.projects,
        entered,
        commissioned: new Set(
          demo.assignments.filter((a) => a.kind === 'site_commissioner').map((a) => a.projectIndex),
        ),
      }),
      projects: demo.projects,
      projectIds: projectRows.map((r) => r.id),
      unitIdByKey: unitId,
      userIdByUsername: userId,
    });
    // 月分析: the catalog, 24 months of the province's figures, the default peer group and 示范市's targets
    const indicatorSeed = await seedDemoIndicators(tx, businessDate(now), now);
    // 重点任务与督查督办: this year's work-report plan with its feedback history, the ladder, instructions, inspections
    const taskSeed = await seedDemoTasks(tx, now);
    await audit({
      action: 'seed.demo',
      entityType: 'system',
      entityId: null,
      after: {
        regions: DEMO_REGIONS.length,
        units: DEMO_UNITS.length,
        leaders: DEMO_LEADERS.length,
        projects: demo.projects.length,
        indicatorValues: indicatorSeed.values,
        weeklyReports: dispatch.reports,
        reportPhotos: dispatch.photos,
        coordinationItems: dispatch.items,
        tasks: taskSeed.tasks,
        taskFeedback: taskSeed.feedback,
        ladderSteps: taskSeed.ladderSteps,
        instructions: taskSeed.instructions,
        inspections: taskSeed.inspections,
        users: DEMO_ACCOUNTS.map((a) => a.username),
      },
    });
  });
  return { accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, roles: a.roles })) };
}

/**
 * A clean install: the country root, one administration unit and the first admin. The password comes from
 * LUOSHI_ADMIN_PASSWORD or is generated and printed once; either way it must be changed at first sign-in.
 */
export async function createFirstAdmin(ctx: Ctx): Promise<{ username: string; password: string; generated: boolean }> {
  const password = ctx.config.adminPassword ?? generatePassword();
  const hash = await hashPassword(password);
  await audited(ctx, SYSTEM_ACTOR, async (tx, audit) => {
    const now = ctx.now();
    await tx
      .insert(regions)
      .values({
        code: COUNTRY_CODE,
        name: '中华人民共和国',
        kind: 'country',
        parentCode: null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    const [unit] = await tx
      .insert(units)
      .values({ name: '系统管理', kind: 'other', regionCode: COUNTRY_CODE, createdAt: now, updatedAt: now })
      .returning({ id: units.id });
    const [u] = await tx
      .insert(users)
      .values({
        username: 'admin',
        displayName: '系统管理员',
        unitId: unit!.id,
        roles: ['admin'],
        passwordHash: hash,
        mustChangePassword: true,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    await tx.insert(indicators).values(indicatorCatalogRows(now)).onConflictDoNothing();
    await audit({
      action: 'user.create',
      entityType: 'user',
      entityId: u!.id,
      after: { username: 'admin', roles: ['admin'] },
    });
  });
  return { username: 'admin', password, generated: ctx.config.adminPassword === null };
}

/** Empties every application table (for `seed --demo --reset`). TRUNCATE is not a row delete: the trail restarts. */
export async function resetAllData(ctx: Ctx): Promise<void> {
  await ctx.db.execute(
    sql`truncate table rectifications, inspection_photos, inspection_findings, inspection_targets, inspection_teams, inspection_checklist_items, inspections, instruction_units, instructions, ladder_steps, supervision_files, task_events, task_feedback_parts, task_feedback, task_milestones, task_leaders, task_partners, tasks, plan_sections, assignment_plans, task_sources, sessions, password_history, assignments, handovers, projects, leaders, users, units, regions, audit_records, settings, notifications, files restart identity cascade`,
  );
}
