import { type BaseConfig, createService, loadConfig, type Service } from '@corridor/service-kit';
import { technologyRoutes } from './api/routes';
import { TECHNOLOGIES, TechnologyCommands } from './commands';
import type { Technology } from './domain';
import { onContractSigned } from './events/corridor.demand.contract.signed.v1';
import { onPublishRequested } from './events/corridor.supply.technology.publish-requested.v1';
import { technologyGauge } from './kpis';

export const SERVICE_NAME = 'supply';

export interface SupplyOptions {
  config?: BaseConfig;
  /** The kit puts it before every topic and consumer group id (default TOPIC_PREFIX); tests share one broker with it. */
  topicPrefix?: string;
}

export function createSupplyService(options: SupplyOptions = {}): Service {
  const config = options.config ?? loadConfig(undefined, { SERVICE_NAME, PORT: '4101', ...process.env });
  const prefix = options.topicPrefix ?? config.TOPIC_PREFIX ?? '';
  const commands = new TechnologyCommands(() => service.ctx.store<Technology>(TECHNOLOGIES));

  const service: Service = createService({
    name: SERVICE_NAME,
    service: 'supply',
    config,
    topicPrefix: prefix,
    collections: [TECHNOLOGIES],
    topics: 'catalogue',
    routes(router, ctx) {
      technologyRoutes(router, { commands, collection: () => ctx.db.collection(TECHNOLOGIES) });
    },
    consumers: [
      {
        groupId: 'supply-contracts',
        topics: ['corridor.demand.contract.v1'],
        handlers: { 'corridor.demand.contract.signed.v1': onContractSigned(commands) },
      },
      {
        groupId: 'supply-ingest',
        topics: ['corridor.supply.ingest.v1'],
        ingest: true,
        handlers: { 'corridor.supply.technology.publish-requested.v1': onPublishRequested(commands) },
      },
    ],
    kpis: (ctx) => [technologyGauge(() => ctx.db.collection(TECHNOLOGIES))],
  });
  return service;
}
