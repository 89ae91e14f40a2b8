import {
  dlqTopic,
  ingestTopic,
  rejectionsTopic,
  topicCatalogue,
  topicFor,
  type EventType,
} from '@corridor/contracts';
import { type BaseConfig, createService, loadConfig, type Service } from '@corridor/service-kit';
import { technologyRoutes } from './api/routes';
import { TECHNOLOGIES, TechnologyCommands } from './commands';
import type { Technology } from './domain';
import { onContractSigned } from './events/corridor.demand.contract.signed.v1';
import { onPublishRequested } from './events/corridor.supply.technology.publish-requested.v1';
import { technologyGauge } from './kpis';

export const SERVICE_NAME = 'supply';
export const CONTRACT_TOPIC = 'corridor.demand.contract.v1';

export interface SupplyOptions {
  config?: BaseConfig;
  /** kit-gap: topicPrefix (docs/notes/kit-requests.md) — tests isolate their topics on a shared broker. */
  topicPrefix?: string;
  /** Consumer groups are named after the service; tests give each run its own. */
  groupSuffix?: string;
}

export function createSupplyService(options: SupplyOptions = {}): Service {
  const config = options.config ?? loadConfig(undefined, { SERVICE_NAME, PORT: '4101', ...process.env });
  const t = (topic: string) => (options.topicPrefix ? `${options.topicPrefix}.${topic}` : topic);
  const group = (name: string) => (options.groupSuffix ? `${name}-${options.groupSuffix}` : name);
  const owned = [topicFor('corridor.supply.technology.published.v1'), CONTRACT_TOPIC, ingestTopic('supply'), rejectionsTopic('supply'), dlqTopic('supply')];

  const commands = new TechnologyCommands(() => service.ctx.store<Technology>(TECHNOLOGIES));

  const service: Service = createService({
    name: SERVICE_NAME,
    service: 'supply',
    config,
    collections: [TECHNOLOGIES],
    topics: topicCatalogue.filter((s) => owned.includes(s.name)).map((s) => ({ name: t(s.name), partitions: s.partitions, config: { ...s.config } })),
    topicOf: (e) => t(topicFor(e.type as EventType)),
    routes(router, ctx) {
      technologyRoutes(router, { commands, collection: () => ctx.db.collection(TECHNOLOGIES) });
    },
    consumers: [
      {
        groupId: group('supply-contracts'),
        topics: [t(CONTRACT_TOPIC)],
        dlqTopic: t(dlqTopic('supply')),
        handlers: { 'corridor.demand.contract.signed.v1': onContractSigned(commands) },
      },
      {
        groupId: group('supply-ingest'),
        topics: [t(ingestTopic('supply'))],
        dlqTopic: t(dlqTopic('supply')),
        rejectionsTopic: t(rejectionsTopic('supply')),
        ingest: true,
        handlers: { 'corridor.supply.technology.publish-requested.v1': onPublishRequested(commands) },
      },
    ],
    kpis: (ctx) => [technologyGauge(() => ctx.db.collection(TECHNOLOGIES))],
  });
  return service;
}
