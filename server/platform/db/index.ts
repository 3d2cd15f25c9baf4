export * from './database.ts';
export * from './lock.ts';
export * from './scope-sql.ts';
