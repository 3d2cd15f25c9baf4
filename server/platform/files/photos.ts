import { identifyFile } from '../../../domain/common/file-types.ts';
import type { Tx } from '../db/database.ts';
import { appError } from '../errors/app-error.ts';
import type { FileStore } from './file-store.ts';
import { recordFile, type StoredFile, storeUpload } from './files.ts';
import { type PhotoFacts, readPhotoFacts, thumbnail } from './images.ts';

export type PreparedPhoto = {
  facts: PhotoFacts;
  stored: Awaited<ReturnType<typeof storeUpload>>;
  thumb: { sha256: string; size: number };
};

/**
 * A site photo checked and stored before the transaction that records it: an image by name and content, its EXIF
 * time and place read, a thumbnail made (a photo that cannot be decoded is refused), both stored content-addressed.
 * Weekly-report photos and inspection photos go through here.
 */
export async function preparePhoto(store: FileStore, upload: { name: string; bytes: Buffer }): Promise<PreparedPhoto> {
  const kind = identifyFile(upload.name, upload.bytes.subarray(0, 16));
  if (!kind.ok || kind.kind !== 'photo') {
    throw appError('VALIDATION_FAILED', {
      fields: [{ path: 'file', message: kind.ok ? '请上传照片(JPG、PNG或WebP)' : kind.message }],
    });
  }
  const facts = await readPhotoFacts(upload.bytes);
  let thumb: Buffer;
  try {
    thumb = await thumbnail(upload.bytes);
  } catch {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '照片已损坏,无法读取' }] });
  }
  const stored = await storeUpload(store, upload.name, upload.bytes);
  const thumbStored = await store.put(thumb);
  return { facts, stored, thumb: thumbStored };
}

/** Records a prepared photo and its thumbnail as files, inside the caller's transaction. */
export async function recordPhotoFiles(
  tx: Tx,
  p: PreparedPhoto,
  createdBy: string | null,
  now: Date,
): Promise<{ file: StoredFile; thumbFile: StoredFile }> {
  const file = await recordFile(tx, { ...p.stored, createdBy }, now);
  const thumbFile = await recordFile(
    tx,
    {
      sha256: p.thumb.sha256,
      size: p.thumb.size,
      mediaType: 'image/jpeg',
      originalName: `thumb-${p.stored.originalName.replace(/\.[^.]+$/, '')}.jpg`,
      createdBy,
    },
    now,
  );
  return { file, thumbFile };
}

/** The EXIF place as the numeric(9,6) strings the photo tables keep. */
export const photoCoordinates = (facts: PhotoFacts) => ({
  latitude: facts.latitude === null ? null : facts.latitude.toFixed(6),
  longitude: facts.longitude === null ? null : facts.longitude.toFixed(6),
});
