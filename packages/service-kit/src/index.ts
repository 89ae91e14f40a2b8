export * from './metrics';
export * from './messaging';
export * from './runtime';
