export { startLocalKafka, kafkaAnswers } from './kafka';
export type { LocalKafkaHandle, LocalKafkaOptions } from './kafka';
export type { ServerLifecycle } from './server';
export { startLocalMongo, mongoAnswers, mongoServerUrl, mongoUrlWithDb } from './mongo';
export type { LocalMongoHandle, LocalMongoOptions } from './mongo';
export {
  KAFKA_VERSION,
  FERRETDB_VERSION,
  ensureKafkaJars,
  ensureFerretDb,
  ferretDbBinary,
  findMongod,
  kafkaLibDir,
} from './artifacts';
export { ManagedProcess, exitOnSignals, stopAllManaged, supportsPdeathsig } from './supervisor';
export { ProcessGroup } from './process-group';
export type { SupervisedSpec } from './process-group';
export type { ProcessSpec, ExitInfo } from './supervisor';
export { freePort, isPortOpen } from './ports';
export { pollUntil, sleep } from './wait';
export { cacheDir, repoRoot } from './paths';
