export { createFundService, type FundServiceOptions } from './app';
export { FundCommands, type CommandMeta } from './commands';
export { FundQueries } from './queries';
export { COLLECTIONS } from './model';
export * as domain from './domain';
