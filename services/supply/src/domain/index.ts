export * from './trl';
export * from './technology';
