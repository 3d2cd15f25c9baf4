export { actorOf, authHook, SESSION_COOKIE } from './auth.hook.ts';
export { authRoutes } from './auth.routes.ts';
export { endSessionsOfUser, invalidateRegionTree } from './auth.service.ts';
