import exifr from 'exifr';
import sharp from 'sharp';

/**
 * What a site photo says about itself, and its thumbnail. EXIF times carry no zone unless the camera wrote
 * OffsetTimeOriginal; a phone in China writes local time, so a bare time is read as UTC+8.
 */
export type PhotoFacts = { takenAt: Date | null; latitude: number | null; longitude: number | null };

const EXIF_TIME_RE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET_RE = /^[+-]\d{2}:\d{2}$/;

export function exifTime(raw: unknown, offset: unknown): Date | null {
  const m = typeof raw === 'string' ? EXIF_TIME_RE.exec(raw.trim()) : null;
  if (!m) return null;
  const zone = typeof offset === 'string' && OFFSET_RE.test(offset.trim()) ? offset.trim() : '+08:00';
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads capture time and GPS position; a photo without EXIF (or unreadable) gives nulls, never an error. */
export async function readPhotoFacts(bytes: Buffer): Promise<PhotoFacts> {
  try {
    const r = await exifr.parse(bytes, {
      reviveValues: false,
      pick: [
        'DateTimeOriginal',
        'OffsetTimeOriginal',
        'CreateDate',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    });
    if (!r) return { takenAt: null, latitude: null, longitude: null };
    const lat = finite(r.latitude);
    const lng = finite(r.longitude);
    const located = lat !== null && lng !== null && !(lat === 0 && lng === 0);
    return {
      takenAt: exifTime(r.DateTimeOriginal ?? r.CreateDate, r.OffsetTimeOriginal),
      latitude: located ? lat : null,
      longitude: located ? lng : null,
    };
  } catch {
    return { takenAt: null, latitude: null, longitude: null };
  }
}

export const THUMB_SIZE = 320;

/** A JPEG thumbnail (longest side 320 px), turned upright by the EXIF orientation; metadata is not copied. */
export async function thumbnail(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 72, mozjpeg: true })
    .toBuffer();
}
