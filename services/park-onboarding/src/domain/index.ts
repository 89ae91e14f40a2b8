export * from './park';
export * from './application';
