import { buildApp } from './app.ts';
import { dispatchJobs } from './modules/dispatch/index.ts';
import { notificationJobs } from './modules/notifications/index.ts';
import { supervisionJobs } from './modules/supervision/index.ts';
import { loadConfig, openContext } from './platform/boot.ts';
import { ConfigError } from './platform/config/config.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { analyze, maintenanceJobs } from './platform/db/maintenance.ts';
import { type AnyJobDefinition, startJobs } from './platform/jobs/jobs.ts';
import { DEMO_PASSWORD } from './seed/demo-data.ts';
import { createFirstAdmin, hasUsers, seedDemo } from './seed/seed.ts';

/** Background jobs of every module (server/platform/README.md, "jobs"): scheduled and worked by pg-boss. */
const JOBS: AnyJobDefinition[] = [...maintenanceJobs, ...notificationJobs, ...dispatchJobs, ...supervisionJobs];

/** Boot only: config → database → migrate → first data → app → jobs → listen → graceful close. */
async function main() {
  const config = loadConfig();
  const { ctx, database, close } = await openContext(config);
  if (!(await hasUsers(ctx))) {
    if (config.demo) {
      const { accounts } = await seedDemo(ctx);
      console.log('\n已创建演示数据「示范市」。演示账号(密码均为 %s,仅用于演示):', DEMO_PASSWORD);
      for (const a of accounts) console.log(`  ${a.username.padEnd(16)} ${a.roles.join(', ')}`);
    } else {
      const admin = await createFirstAdmin(ctx);
      console.log('\n已创建首个管理员账号 admin,首次登录须修改密码。');
      if (admin.generated) console.log(`初始密码(只显示这一次): ${admin.password}`);
    }
  }
  // the embedded database has no autovacuum: fresh planner statistics at every start (seconds at most)
  if (ctx.engine === 'pglite') await analyze(ctx.db);
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  const jobs = await startJobs(ctx, database, JOBS, {
    connectionString: config.databaseUrl,
    log: app.log.child({ component: 'jobs' }),
  });
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `\n落实 Luoshi ${config.databaseUrl ? '(PostgreSQL)' : '(嵌入式数据库)'}: http://localhost:${config.port}\n`,
  );
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
