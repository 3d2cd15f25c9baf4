/**
 * `npm start`: build the web app if it is missing or older than its sources, then start the server with the
 * demo city enabled (LUOSHI_DEMO=1 unless set). One process, one port.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web/dist/index.html');

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  if (fs.statSync(p).isFile()) return fs.statSync(p).mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

const inputs = ['web/src', 'web/index.html', 'domain', 'vite.config.ts', 'package-lock.json'];
const sources = Math.max(...inputs.map((p) => newest(path.join(root, p))));
const stale = !fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sources - 1;
if (stale) {
  console.log('正在构建网页 building the web app…');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, [path.join(root, 'server/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LUOSHI_DEMO: process.env.LUOSHI_DEMO ?? '1' },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
