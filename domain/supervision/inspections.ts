import { businessDate } from '../common/business-date.ts';
import { addDays, dateLabel, dayNumber } from '../common/calendar.ts';
import { formatWan, parseWan, type Wan } from '../common/money.ts';
import { distanceMeters, type LatLng, PHOTO_MAX_DISTANCE_M, PHOTO_TOLERANCE_DAYS } from '../dispatch/photo-check.ts';
import {
  type AnswerType,
  PROBLEM_KIND_LABELS,
  PROBLEM_KINDS,
  type ProblemKind,
  type RectificationStatus,
} from './model.ts';

/**
 * 督查 (拉网式 / 专项): a campaign checks a set of projects or tasks against a checklist; teams record a finding per
 * object on a phone, with photos; a finding that sees something other than what was reported flags the weekly
 * reports; problems open rectifications (整改) that the unit answers with evidence and the team verifies. The rules
 * below are pure: the server loads the facts and writes what they decide.
 */

// ── checklist ──────────────────────────────────────────────────────────────────────────────────────────────
/** What a checklist answer is checked against: the project's reported figures (from its weekly reports). */
export const COMPARE_TOS = ['reported_investment', 'reported_progress'] as const;
export type CompareTo = (typeof COMPARE_TOS)[number];
export const COMPARE_TO_LABELS: Record<CompareTo, { zh: string; en: string }> = {
  reported_investment: { zh: '对照上报完成投资', en: 'Against reported investment' },
  reported_progress: { zh: '对照上报形象进度', en: 'Against reported progress' },
};
/** The answer type each comparison needs: an amount seen (万元), or "does it match what was reported?" (是/否). */
export const COMPARE_TO_ANSWER: Record<CompareTo, AnswerType> = {
  reported_investment: 'number',
  reported_progress: 'yes_no',
};

export const ANSWER_TYPE_LABELS: Record<AnswerType, { zh: string; en: string }> = {
  yes_no: { zh: '是/否', en: 'Yes / no' },
  number: { zh: '数值', en: 'Number' },
  text: { zh: '文字', en: 'Text' },
  photo: { zh: '照片', en: 'Photo' },
};

export const CHECKLIST_MAX_ITEMS = 40;
export const ANSWER_TEXT_MAX = 500;
export const NUMBER_ANSWER_MAX = 10_000_000_000;

export type ChecklistItem = {
  id: string;
  label: string;
  answerType: AnswerType;
  compareTo: CompareTo | null;
  required: boolean;
};
export type FieldError = { path: string; message: string };

/** A checklist as a whole: labels unique, each comparison on the answer type it needs. */
export function checkChecklist(items: readonly Omit<ChecklistItem, 'id'>[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    const key = it.label.trim();
    const first = seen.get(key);
    if (first !== undefined) errors.push({ path: `items.${i}.label`, message: `与第${first + 1}项重复` });
    else seen.set(key, i);
    if (it.compareTo && COMPARE_TO_ANSWER[it.compareTo] !== it.answerType) {
      const need = ANSWER_TYPE_LABELS[COMPARE_TO_ANSWER[it.compareTo]].zh;
      errors.push({
        path: `items.${i}.answerType`,
        message: `${COMPARE_TO_LABELS[it.compareTo].zh}的检查项,答案类型应为“${need}”`,
      });
    }
  });
  return errors;
}

// ── answers ────────────────────────────────────────────────────────────────────────────────────────────────
/** A stored answer: yes/no → boolean, number → number, text → string, photo → the ids of the finding's photos. */
export type AnswerValue = boolean | number | string | string[];

const DECIMALS_RE = /^-?\d+(\.\d{1,2})?$/;

function readNumber(v: unknown): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'string') {
    const s = v.trim().replace(/[,，\s]/g, '');
    if (s === '') return null;
    if (!/^-?\d+(\.\d+)?$/.test(s)) return 'bad';
    return Number(s);
  }
  return 'bad';
}

/**
 * Checks a finding's answers against the checklist, field by field (`answers.<itemId>`), and returns them normalised.
 * Empty answers are dropped. A required item must be answered — except photo items, whose photos are uploaded after
 * the finding is first saved (the finding's completeness says what is still missing). `photoIds` are the finding's
 * photos: a photo answer may name only those.
 */
export function validateAnswers(
  items: readonly ChecklistItem[],
  answers: Record<string, unknown>,
  photoIds: readonly string[] = [],
): { ok: true; value: Record<string, AnswerValue> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, AnswerValue> = {};
  const byId = new Map(items.map((it) => [it.id, it]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) errors.push({ path: `answers.${id}`, message: '检查项不存在,请刷新后重试' });
  }
  for (const it of items) {
    const path = `answers.${it.id}`;
    const raw = answers[it.id];
    const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    switch (it.answerType) {
      case 'yes_no': {
        if (blank) {
          if (it.required) errors.push({ path, message: `请选择“${it.label}”:是或否` });
        } else if (typeof raw === 'boolean') value[it.id] = raw;
        else errors.push({ path, message: `“${it.label}”只能回答是或否` });
        break;
      }
      case 'number': {
        const n = readNumber(raw);
        if (n === null) {
          if (it.required) errors.push({ path, message: `请填写“${it.label}”` });
        } else if (n === 'bad') errors.push({ path, message: `“${it.label}”应为数字` });
        else if (n < 0) errors.push({ path, message: `“${it.label}”不能为负数` });
        else if (n > NUMBER_ANSWER_MAX) errors.push({ path, message: `“${it.label}”数值过大` });
        else if (!DECIMALS_RE.test(String(n))) errors.push({ path, message: `“${it.label}”最多保留两位小数` });
        else value[it.id] = n;
        break;
      }
      case 'text': {
        if (blank) {
          if (it.required) errors.push({ path, message: `请填写“${it.label}”` });
        } else if (typeof raw !== 'string') errors.push({ path, message: `“${it.label}”应为文字` });
        else if (raw.trim().length > ANSWER_TEXT_MAX) {
          errors.push({ path, message: `“${it.label}”不能超过${ANSWER_TEXT_MAX}个字` });
        } else value[it.id] = raw.trim();
        break;
      }
      case 'photo': {
        if (blank) break;
        if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
          errors.push({ path, message: `“${it.label}”应为本次检查上传的照片` });
        } else if (raw.some((x) => !photoIds.includes(x as string))) {
          errors.push({ path, message: `“${it.label}”的照片不属于本次检查记录` });
        } else if (raw.length > 0) value[it.id] = [...new Set(raw as string[])];
        break;
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** The required items still without an answer (photo items need at least one photo). */
export function missingAnswers(items: readonly ChecklistItem[], answers: Record<string, unknown>): string[] {
  return items
    .filter((it) => {
      if (!it.required) return false;
      const v = answers[it.id];
      return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    })
    .map((it) => it.id);
}

// ── against what was reported ──────────────────────────────────────────────────────────────────────────────
/** A seen investment differing from the reported one by more than this share of it is a mismatch (default 5 %). */
export const INVESTMENT_TOLERANCE_PCT = 5;

/** What the project reported this year, from its counted weekly reports (null: it reported nothing). */
export type ReportedFigures = {
  /** Σ 本周完成投资 of the year's counted reports, 万元 "12345.60" */
  investedYtd: string | null;
  latestWeek: string | null;
  latestProgress: string | null;
};

export type Mismatch = { itemId: string; kind: 'investment_mismatch' | 'progress_mismatch'; note: string };

const wanOfNumber = (n: number): Wan => parseWan(n.toFixed(2)) ?? 0n;

/**
 * The answers that contradict the reported figures: an amount seen that differs from the year's reported
 * investment by more than `tolerancePct` percent of it (any amount when nothing was reported as done), and a "no"
 * to "does the visible progress match the report?". Nothing to compare (no reports) is no mismatch: the finding
 * still records.
 */
export function compareWithReported(
  items: readonly ChecklistItem[],
  answers: Record<string, AnswerValue>,
  reported: ReportedFigures | null,
  tolerancePct = INVESTMENT_TOLERANCE_PCT,
): Mismatch[] {
  if (!reported) return [];
  const out: Mismatch[] = [];
  for (const it of items) {
    const a = answers[it.id];
    if (it.compareTo === 'reported_investment' && typeof a === 'number' && reported.investedYtd !== null) {
      const seen = wanOfNumber(a);
      const said = parseWan(reported.investedYtd) ?? 0n;
      const diff = seen > said ? seen - said : said - seen;
      // diff / said > pct / 100, in integers
      const differs = said === 0n ? seen !== 0n : diff * 100n > said * BigInt(Math.round(tolerancePct));
      if (differs) {
        out.push({
          itemId: it.id,
          kind: 'investment_mismatch',
          note: `督查核实完成投资${formatWan(seen)}万元,上报本年累计${formatWan(said)}万元`,
        });
      }
    }
    if (it.compareTo === 'reported_progress' && a === false) {
      out.push({
        itemId: it.id,
        kind: 'progress_mismatch',
        note: reported.latestProgress
          ? `现场形象进度与上报不符(上报:${reported.latestProgress})`
          : '现场形象进度与上报不符',
      });
    }
  }
  return out;
}

/** The inspector's problem kinds plus those the comparison found, in the vocabulary's order. */
export function problemKindsOf(chosen: readonly ProblemKind[], mismatches: readonly Mismatch[]): ProblemKind[] {
  const set = new Set<ProblemKind>([...chosen, ...mismatches.map((m) => m.kind)]);
  return PROBLEM_KINDS.filter((k) => set.has(k));
}

/** The words a flagged weekly report carries: the campaign and what was seen. */
export const flagNote = (inspectionTitle: string, inspectedOn: string, mismatches: readonly Mismatch[]): string =>
  `${inspectionTitle}(${dateLabel(inspectedOn, 'zh')}):${mismatches.map((m) => m.note).join(';')}`;

// ── photos ─────────────────────────────────────────────────────────────────────────────────────────────────
export type InspectionPhotoIssue = { code: string; zh: string; en: string };

/**
 * The weekly reports' EXIF checks, with the inspection day in place of the report week: no capture time; taken more
 * than `toleranceDays` from the day inspected; where the object has a location, none in the photo or one more than
 * `maxDistanceM` away; the same file already in another finding. Unverified photos are kept and shown, never refused.
 */
export function checkInspectionPhoto(input: {
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
  inspectedOn: string;
  site: { lat: number | null; lng: number | null } | null;
  reusedFrom: { inspectedOn: string; label: string } | null;
  toleranceDays?: number;
  maxDistanceM?: number;
}): { verified: boolean; reasons: InspectionPhotoIssue[] } {
  const tolerance = input.toleranceDays ?? PHOTO_TOLERANCE_DAYS;
  const maxDistance = input.maxDistanceM ?? PHOTO_MAX_DISTANCE_M;
  const reasons: InspectionPhotoIssue[] = [];
  if (!input.takenAt || Number.isNaN(input.takenAt.getTime())) {
    reasons.push({ code: 'no_time', zh: '照片未记录拍摄时间', en: 'The photo has no capture time' });
  } else {
    const taken = businessDate(input.takenAt);
    if (Math.abs(dayNumber(taken) - dayNumber(input.inspectedOn)) > tolerance) {
      reasons.push({
        code: 'outside_day',
        zh: `拍摄时间${dateLabel(taken, 'zh')}不在检查日期(${dateLabel(input.inspectedOn, 'zh')})前后${tolerance}天内`,
        en: `Taken on ${dateLabel(taken, 'en')}, not within ${tolerance} days of the inspection (${dateLabel(input.inspectedOn, 'en')})`,
      });
    }
  }
  const site = position(input.site?.lat ?? null, input.site?.lng ?? null);
  if (site) {
    const shot = position(input.lat, input.lng);
    if (!shot) reasons.push({ code: 'no_location', zh: '照片未记录拍摄位置', en: 'The photo has no location' });
    else {
      const d = distanceMeters(shot, site);
      if (d > maxDistance) {
        const km = (d / 1000).toFixed(1);
        reasons.push({ code: 'too_far', zh: `拍摄地点距项目位置${km}公里`, en: `Taken ${km} km from the site` });
      }
    }
  }
  if (input.reusedFrom) {
    reasons.push({
      code: 'reused',
      zh: `与${dateLabel(input.reusedFrom.inspectedOn, 'zh')}“${input.reusedFrom.label}”的检查照片相同`,
      en: `Same photo as the inspection of “${input.reusedFrom.label}” on ${dateLabel(input.reusedFrom.inspectedOn, 'en')}`,
    });
  }
  return { verified: reasons.length === 0, reasons };
}

function position(lat: number | null, lng: number | null): LatLng | null {
  if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  return { lat, lng };
}

/** A finding's inspection date: within the campaign, and not in the future. */
export function checkInspectedOn(inspectedOn: string, campaign: { startsOn: string }, today: string): FieldError[] {
  if (inspectedOn > today) return [{ path: 'inspectedOn', message: '检查日期不能晚于今天' }];
  if (inspectedOn < addDays(campaign.startsOn, -PHOTO_TOLERANCE_DAYS)) {
    return [{ path: 'inspectedOn', message: '检查日期早于本次督查开始日期' }];
  }
  return [];
}

// ── rectification (整改) ──────────────────────────────────────────────────────────────────────────────────
export const RECTIFICATION_ACTIONS = ['submit', 'verify', 'reject'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];
export const RECTIFICATION_ACTION_LABELS: Record<RectificationAction, { zh: string; en: string }> = {
  submit: { zh: '提交整改材料', en: 'Submit evidence' },
  verify: { zh: '验收销号', en: 'Verify and close' },
  reject: { zh: '退回重改', en: 'Reject' },
};

/** open → submitted (the unit's evidence) → closed (the team verifies), or back to open with the team's reason. */
export function rectificationNext(
  status: RectificationStatus,
  action: RectificationAction,
): RectificationStatus | null {
  if (action === 'submit') return status === 'open' ? 'submitted' : null;
  if (action === 'verify') return status === 'submitted' ? 'closed' : null;
  return status === 'submitted' ? 'open' : null;
}

/**
 * Overdue: not closed and past its due date — except an item whose evidence came in by the due date and waits
 * for the team's verification (the delay is the team's, not the unit's).
 */
export function rectificationOverdue(
  r: { status: RectificationStatus; dueOn: string; submittedOn: string | null },
  today: string,
): boolean {
  if (r.status === 'closed' || r.dueOn >= today) return false;
  return !(r.status === 'submitted' && r.submittedOn !== null && r.submittedOn <= r.dueOn);
}

export function checkRectificationDue(dueOn: string, today: string): FieldError[] {
  return dueOn < today ? [{ path: 'dueOn', message: '整改期限不能早于今天' }] : [];
}

// ── the campaign report ────────────────────────────────────────────────────────────────────────────────────
export type ReportCounts = {
  targets: number;
  inspected: number;
  notInspected: number;
  /** objects with at least one problem */
  withProblems: number;
  problemsByKind: Record<ProblemKind, number>;
  rectifications: { total: number; open: number; submitted: number; closed: number; overdue: number };
  /** weekly reports flagged because what was seen differs from what was reported */
  mismatches: number;
};

export function inspectionCounts(
  targetCount: number,
  findings: readonly { problemKinds: readonly string[] }[],
  rectifications: readonly { status: RectificationStatus; dueOn: string; submittedOn: string | null }[],
  today: string,
): ReportCounts {
  const problemsByKind = Object.fromEntries(PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>;
  let withProblems = 0;
  let mismatches = 0;
  for (const f of findings) {
    const kinds = f.problemKinds.filter((k): k is ProblemKind => k in PROBLEM_KIND_LABELS);
    if (kinds.length) withProblems++;
    for (const k of kinds) problemsByKind[k]++;
    if (kinds.some((k) => k === 'investment_mismatch' || k === 'progress_mismatch')) mismatches++;
  }
  const r = { total: rectifications.length, open: 0, submitted: 0, closed: 0, overdue: 0 };
  for (const x of rectifications) {
    r[x.status]++;
    if (rectificationOverdue(x, today)) r.overdue++;
  }
  return {
    targets: targetCount,
    inspected: findings.length,
    notInspected: Math.max(0, targetCount - findings.length),
    withProblems,
    problemsByKind,
    rectifications: r,
    mismatches,
  };
}
