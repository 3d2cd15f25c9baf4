import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from './file-store.ts';

describe('LocalFileStore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-files-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const store = new LocalFileStore(root);

  it('stores bytes under their SHA-256 once, and reads them back', async () => {
    const a = await store.put(Buffer.from('施工许可证扫描件'));
    const again = await store.put(Buffer.from('施工许可证扫描件'));
    expect(again).toEqual(a);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.get(a.sha256))?.toString()).toBe('施工许可证扫描件');
    const files = fs.readdirSync(path.join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4)));
    expect(files).toEqual([a.sha256]); // no temporary file left behind
  });

  it('writes the same bytes concurrently without error', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    const all = await Promise.all(Array.from({ length: 5 }, () => store.put(bytes)));
    expect(new Set(all.map((x) => x.sha256)).size).toBe(1);
    expect((await store.get(all[0]!.sha256))?.equals(bytes)).toBe(true);
  });

  it('answers null for missing content and refuses a name that is not a hash', async () => {
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(RangeError);
  });
});
