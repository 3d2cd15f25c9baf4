export { orgRoutes } from './org.routes.ts';
export {
  existingHolders,
  findRegion,
  findUnitInDirectory,
  openAssignmentsOf,
  type SubjectHolder,
  setSubjectAssignments,
} from './org.service.ts';
