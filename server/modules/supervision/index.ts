// What other modules may import from supervision (督查督办). Each part adds its exports here (kept sorted):
// the ladder (催办 → 督办 → 通报 → 约谈 → 问责), the board, the inbox, the documents and the daily sweep (board.*,
// ladder.*, supervisable.ts, supervision.jobs.ts); leaders' instructions (批示), inspections (督查) and
// rectifications (整改) (instructions.*, inspections.*, rectifications.*).
export { boardRoutes as supervisionBoardRoutes } from './board.routes.ts';
export { inspectionRoutes } from './inspections.routes.ts';
export { instructionRoutes } from './instructions.routes.ts';
export { instructionsAwaitingUnit, overdueInstructions } from './instructions.service.ts';
export { ladderRoutes as supervisionLadderRoutes } from './ladder.routes.ts';
export { issueReminder, ladderRecord } from './ladder.service.ts';
export { rectificationRoutes } from './rectifications.routes.ts';
export { openRectifications } from './rectifications.service.ts';
export { resolveSupervisable, type SupervisableRef } from './supervisable.ts';
export { supervisionJobs } from './supervision.jobs.ts';
