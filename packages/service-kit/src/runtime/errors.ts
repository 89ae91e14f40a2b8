// Entry point `@corridor/service-kit/errors`: error types, problem classes and the state-machine helper with no I/O imports,
// so pure domain code can throw them without loading express, mongodb or kafkajs.
export * from '../messaging/errors';
export * from './problem';
export * from './state-machine';
