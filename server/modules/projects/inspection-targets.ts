import type { Scope } from '../../../domain/org/scope.ts';
import type { Conn } from '../../platform/db/database.ts';
import { type ProjectRef, projectTargetRepo } from './inspection-targets.repository.ts';

/**
 * What supervision (督查, 批示) asks of the project library: the projects of a groundbreaking batch (集中开工), projects
 * by id or by words for a picker, and the batches there are. Always within the caller's scope.
 */
export type { ProjectRef };

export const projectsOfBatch = (conn: Conn, scope: Scope, batch: string) =>
  projectTargetRepo.ofBatch(conn, scope, batch);
export const projectsByIds = (conn: Conn, scope: Scope, ids: string[]) => projectTargetRepo.byIds(conn, scope, ids);
export const searchProjects = (conn: Conn, scope: Scope, q: string | undefined, limit = 20) =>
  projectTargetRepo.search(conn, scope, q, limit);
export const groundbreakingBatches = (conn: Conn, scope: Scope) => projectTargetRepo.batches(conn, scope);
