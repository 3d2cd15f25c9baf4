export * from './auth.ts';
export * from './dispatch.ts';
export * from './indicators.ts';
export * from './org.ts';
export * from './platform.ts';
export * from './projects.ts';
export * from './supervision.ts';
export * from './tasks.ts';
