// Entry point `@corridor/service-kit/errors`: error types and problem classes with no I/O imports,
// so pure domain code can throw them without loading express, mongodb or kafkajs.
export * from '../messaging/errors';
export * from './problem';
