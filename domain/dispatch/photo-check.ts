import { businessDate } from '../common/business-date.ts';
import { addDays, dateLabel } from '../common/calendar.ts';
import { parseWeekKey, type WeekKey, weekEnd, weekRangeLabel, weekStart } from '../common/iso-week.ts';

/**
 * 现场照片核验 — whether a weekly report's site photo shows this week at this site, from what its EXIF says (read by
 * the server; not here). "Unverified" is a flag for the reviewer and the 督查 sampling, never a rejection: a phone
 * with location off or a picture forwarded through WeChat (which strips EXIF) is common and honest. What it catches
 * is the usual shortcut, an old photo or one from elsewhere presented as this week's progress.
 *
 * What makes a photo unverified:
 * - no capture time: nothing ties it to the week, and re-sending old photos is the shortcut this check is for;
 * - a capture date (Beijing time) more than `toleranceDays` before the report week's Monday or after its Sunday
 *   (a Saturday photo reported the next Monday is fine);
 * - when the project has a location: no location in the photo (it cannot be checked), or one more than
 *   `maxDistanceM` away. A project without a location cannot be checked, so there a photo without GPS passes;
 * - the same file already used in another report (found by the caller from its hash).
 */
export const PHOTO_TOLERANCE_DAYS = 3;
export const PHOTO_MAX_DISTANCE_M = 2000;

export const PHOTO_ISSUE_CODES = ['no_time', 'outside_week', 'no_location', 'too_far', 'reused'] as const;
export type PhotoIssueCode = (typeof PHOTO_ISSUE_CODES)[number];
export type PhotoIssue = { code: PhotoIssueCode; zh: string; en: string };
export type PhotoCheck = { verified: boolean; reasons: PhotoIssue[] };

export type LatLng = { lat: number; lng: number };

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in metres (haversine; within 0.5 % of the ellipsoid, plenty for a 2 km test). Both points
 * in WGS-84 as EXIF writes them; a project location picked on a GCJ-02 map (高德, 腾讯) is off by a few hundred
 * metres, well inside the tolerance.
 */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A usable position: finite, in range, and not (0, 0), which some cameras write when they have no fix. */
function position(lat: number | null, lng: number | null): LatLng | null {
  if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  return { lat, lng };
}

export function checkPhoto(input: {
  /** the capture instant (EXIF DateTimeOriginal; a time without offset is Beijing time — the parser's job) */
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
  /** the week of the report the photo is attached to */
  weekKey: WeekKey;
  project: { lat: number | null; lng: number | null };
  /** the earlier report that already holds the same file, if any */
  reusedFrom: { weekKey: WeekKey; projectName: string } | null;
  toleranceDays?: number;
  maxDistanceM?: number;
}): PhotoCheck {
  const { takenAt, weekKey, reusedFrom } = input;
  const tolerance = input.toleranceDays ?? PHOTO_TOLERANCE_DAYS;
  const maxDistance = input.maxDistanceM ?? PHOTO_MAX_DISTANCE_M;
  const reasons: PhotoIssue[] = [];

  if (!takenAt || Number.isNaN(takenAt.getTime())) {
    reasons.push({ code: 'no_time', zh: '照片未记录拍摄时间', en: 'The photo has no capture time' });
  } else {
    const taken = businessDate(takenAt);
    if (taken < addDays(weekStart(weekKey), -tolerance) || taken > addDays(weekEnd(weekKey), tolerance)) {
      reasons.push({
        code: 'outside_week',
        zh: `拍摄时间${dateLabel(taken, 'zh')}不在本周(${weekRangeLabel(weekKey, 'zh')})前后${tolerance}天内`,
        en: `Taken on ${dateLabel(taken, 'en')}, not within ${tolerance} days of the report week (${weekRangeLabel(weekKey, 'en')})`,
      });
    }
  }

  const site = position(input.project.lat, input.project.lng);
  if (site) {
    const shot = position(input.lat, input.lng);
    if (!shot) {
      reasons.push({ code: 'no_location', zh: '照片未记录拍摄位置', en: 'The photo has no location' });
    } else {
      const d = distanceMeters(shot, site);
      if (d > maxDistance) {
        const km = (d / 1000).toFixed(1);
        reasons.push({
          code: 'too_far',
          zh: `拍摄地点距项目位置${km}公里`,
          en: `Taken ${km} km from the project location`,
        });
      }
    }
  }

  if (reusedFrom) {
    const w = parseWeekKey(reusedFrom.weekKey);
    if (!w) throw new RangeError(`not an ISO week key: ${JSON.stringify(reusedFrom.weekKey)}`);
    reasons.push({
      code: 'reused',
      zh: `与${w.isoYear}年第${w.week}周“${reusedFrom.projectName}”的照片相同`,
      en: `Same photo as in week ${w.week}, ${w.isoYear} of “${reusedFrom.projectName}”`,
    });
  }

  return { verified: reasons.length === 0, reasons };
}
