import fs from 'node:fs';
import path from 'node:path';

/**
 * One process per embedded data directory. Two processes opening the same PGlite directory both "succeed" and
 * silently lose writes, so the server (and every CLI command that writes) takes this lock first.
 */
export class DataDirLockedError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被进程 ${pid} 使用(嵌入式数据库只允许一个进程打开)。请先停止该进程,或在运行中的服务上操作。\n` +
        `The data directory ${dir} is in use by process ${pid}; the embedded database allows one process only.`,
    );
    this.pid = pid;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'luoshi.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(dataDir, pid);
      // a stale lock left by a process that died: take it over
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock on ${dataDir}`);
}
