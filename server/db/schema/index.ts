export * from './auth.ts';
export * from './dispatch.ts';
export * from './indicators.ts';
export * from './org.ts';
export * from './platform.ts';
export * from './projects.ts';
