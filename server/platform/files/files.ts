import { eq } from 'drizzle-orm';
import { identifyFile, safeFileName } from '../../../domain/common/file-types.ts';
import { files } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../db/database.ts';
import { appError } from '../errors/app-error.ts';
import type { FileStore } from './file-store.ts';

export type StoredFile = typeof files.$inferSelect;

/**
 * Checks an upload (type by name and content) and stores its bytes; the caller records the returned facts in its
 * own transaction with `recordFile`. Bytes stored for a transaction that then fails are harmless: content-addressed,
 * referenced by no row.
 */
export async function storeUpload(store: FileStore, name: string, bytes: Buffer) {
  const id = identifyFile(name, bytes.subarray(0, 16));
  if (!id.ok) throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: id.message }] });
  const { sha256, size } = await store.put(bytes);
  return { sha256, size, mediaType: id.mediaType, kind: id.kind, originalName: safeFileName(name) };
}

export const recordFile = (
  tx: Tx,
  f: { sha256: string; size: number; mediaType: string; originalName: string; createdBy: string | null },
  now: Date,
): Promise<StoredFile> =>
  tx
    .insert(files)
    .values({ ...f, createdAt: now })
    .returning()
    .then((r) => r[0]!);

export const findFile = (conn: Conn, id: string): Promise<StoredFile | null> =>
  conn
    .select()
    .from(files)
    .where(eq(files.id, id))
    .then((r) => r[0] ?? null);
