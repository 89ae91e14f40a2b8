export { runDemoChain } from './demo-chain';
export type {
  DemoChainOptions,
  DemoChainResult,
  RegionPairValue,
  Reinvestment,
  Settlements,
} from './demo-chain';
export { ApiClient, ApiError } from './http';
export { startInfra } from './infra';
export type { Infra, InfraOptions } from './infra';
export { upPlatform, describePlatform } from './platform';
export type { Platform, PlatformOptions } from './platform';
export {
  derivePrometheusConfig,
  localPrometheusConfig,
  queryPrometheus,
  startPrometheus,
  PROMETHEUS_BINARY,
} from './prometheus';
export type { RunningPrometheus } from './prometheus';
export * from './reference';
export { seedReferenceData } from './seed';
export {
  DEFAULT_PORTS,
  SERVICE_NAMES,
  databaseName,
  ensureCatalogueTopics,
  serviceEntry,
  startServices,
} from './services';
export type {
  RunningService,
  RunningServices,
  ServiceName,
  ServiceUrls,
  StartServicesOptions,
} from './services';
