export * from './app-error.ts';
export * from './catalogue.ts';
