export { createDemandService, type DemandServiceOptions } from './app';
export { loadDemandConfig, type DemandConfig } from './config';
export * as domain from './domain';
