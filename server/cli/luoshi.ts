import fs from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { loadConfig, openContext } from '../platform/boot.ts';
import { ConfigError } from '../platform/config/config.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { DEMO_PASSWORD } from '../seed/demo-data.ts';
import { hasUsers, resetAllData, seedDemo } from '../seed/seed.ts';

const HELP = `用法 / usage: npm run luoshi -- <command>

  migrate                   apply pending database migrations
  seed --demo [--reset]     create the demo city 示范市 (--reset empties the database first)
  audit verify              walk the audit hash chain and report the first broken link
  backup [--out FILE]       embedded database only: write a compressed copy of it (default: $DATA_DIR/backups/)

Every command opens the configured database (DATABASE_URL, else the embedded one in $DATA_DIR); in embedded mode
it refuses while the server holds the data directory: stop the server first.`;

async function run(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  if (!cmd || cmd === 'help' || flags.has('--help')) {
    console.log(HELP);
    return 0;
  }
  const known = ['migrate', 'seed', 'audit', 'backup'];
  if (!known.includes(cmd)) {
    console.error(`未知命令 unknown command: ${cmd}\n\n${HELP}`);
    return 2;
  }
  if (cmd === 'audit' && rest[0] !== 'verify') {
    console.error('usage: npm run luoshi -- audit verify');
    return 2;
  }
  if (cmd === 'seed' && !flags.has('--demo')) {
    console.error('usage: npm run luoshi -- seed --demo [--reset]');
    return 2;
  }
  const config = loadConfig();
  const { ctx, database, close } = await openContext(config);
  try {
    switch (cmd) {
      case 'migrate':
        console.log('数据库已是最新 migrations applied');
        return 0;
      case 'seed': {
        if (flags.has('--reset')) {
          await resetAllData(ctx);
          console.log('已清空数据 database emptied');
        } else if (await hasUsers(ctx)) {
          console.error('数据库已有数据;要重建演示数据请加 --reset  (the database is not empty; add --reset)');
          return 1;
        }
        const { accounts } = await seedDemo(ctx);
        console.log(`已创建演示数据「示范市」,密码均为 ${DEMO_PASSWORD}:`);
        for (const a of accounts) console.log(`  ${a.username.padEnd(16)} ${a.roles.join(', ')}`);
        return 0;
      }
      case 'audit': {
        const r = await verifyAuditChain(ctx.db, config.auditKey);
        if (r.ok) {
          console.log(`审计链完整 audit chain intact: ${r.checked} records`);
          return 0;
        }
        console.error(
          `审计链在第 ${r.firstBroken!.id} 条记录处断开 (${r.firstBroken!.reason === 'hash' ? '内容被修改 content edited' : '前后不相接 record removed or reordered'}); ${r.checked - 1} records before it are intact`,
        );
        return 1;
      }
      case 'backup': {
        if (!database.pglite) {
          console.error('PostgreSQL: use pg_dump for backups (see docs/deployment.md)');
          return 1;
        }
        const outIdx = rest.indexOf('--out');
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
        const out =
          outIdx >= 0 && rest[outIdx + 1]
            ? path.resolve(rest[outIdx + 1]!)
            : path.join(config.dataDir, 'backups', `luoshi-${stamp}.tar.gz`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const dump = await database.pglite.dumpDataDir('gzip');
        fs.writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
        console.log(`已备份 backup written: ${out}`);
        return 0;
      }
    }
    return 2;
  } finally {
    await close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof ConfigError || e instanceof DataDirLockedError) console.error(e.message);
    else console.error(e);
    process.exit(1);
  },
);
