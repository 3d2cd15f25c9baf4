/**
 * Child process of bench/run.ts: creates and migrates a new embedded database, then reopens it, and reports
 * times and this process's peak memory as JSON on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openPglite } from '../server/platform/db/database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
let t = performance.now();
const db = await openPglite({ dir });
await migrate(db);
const createMs = performance.now() - t;
await db.close();
t = performance.now();
const again = await openPglite({ dir });
await migrate(again);
const reopenMs = performance.now() - t;
await again.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ createMs, reopenMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
