import type { ReportPhoto } from '../../../domain/dispatch/contracts.ts';
import type { AmendmentRow, PhotoRow } from './reports.repository.ts';

/** Rows → the contracts' shapes: ISO times, numbers for coordinates, URLs through the report's scope. */
export const presentPhoto = (p: PhotoRow): ReportPhoto => ({
  id: p.id,
  url: `/api/dispatch/reports/${p.reportId}/photos/${p.id}`,
  thumbUrl: `/api/dispatch/reports/${p.reportId}/photos/${p.id}?thumb=1`,
  caption: p.caption,
  takenAt: p.takenAt?.toISOString() ?? null,
  latitude: p.latitude === null ? null : Number(p.latitude),
  longitude: p.longitude === null ? null : Number(p.longitude),
  verified: p.verified,
  issues: p.issues,
  uploadedByName: p.uploadedByName,
  uploadedAt: p.uploadedAt.toISOString(),
});

export const presentAmendment = (a: AmendmentRow) => ({
  id: a.id,
  status: a.status as 'pending' | 'approved' | 'rejected',
  reason: a.reason,
  before: a.before,
  proposed: a.proposed,
  requestedByName: a.requestedByName,
  requestedAt: a.requestedAt.toISOString(),
  decidedByName: a.decidedByName,
  decidedAt: a.decidedAt?.toISOString() ?? null,
  decisionNote: a.decisionNote,
});
