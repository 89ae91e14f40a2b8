export { createSupplyService, SERVICE_NAME, type SupplyOptions } from './app';
export { TechnologyCommands, TECHNOLOGIES, type TechnologyView } from './commands';
export * from './domain';
