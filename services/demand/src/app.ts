import { ingestTopic } from '@corridor/contracts';
import { createService, type Service, type ServiceContext } from '@corridor/service-kit';
import { registerRoutes } from './api';
import { COLLECTIONS, type DemandDeps, type Stores } from './commands/deps';
import { loadDemandConfig, type DemandConfig } from './config';
import { ingestHandlers, ownEventHandlers, technologyHandlers } from './events';
import { kpiGauges } from './kpis';

export interface DemandServiceOptions {
  config?: DemandConfig;
  /** Put before every topic and consumer group as `<prefix>.` (default TOPIC_PREFIX); tests share one broker with it. */
  topicPrefix?: string;
  now?: () => Date;
}

const TECHNOLOGY_TOPIC = 'corridor.supply.technology.v1';
const DEMAND_TOPIC = 'corridor.demand.demand.v1';
const CONTRACT_TOPIC = 'corridor.demand.contract.v1';

function lazyStores(ctx: ServiceContext<DemandConfig>): Stores {
  return {
    get demands() {
      return ctx.store(COLLECTIONS.demands);
    },
    get challenges() {
      return ctx.store(COLLECTIONS.challenges);
    },
    get matches() {
      return ctx.store(COLLECTIONS.matches);
    },
    get contracts() {
      return ctx.store(COLLECTIONS.contracts);
    },
    get catalogue() {
      return ctx.store(COLLECTIONS.catalogue);
    },
  } as Stores;
}

async function ensureIndexes(stores: Stores): Promise<void> {
  // Plain (non-partial, non-TTL) indexes: FerretDB v1 has no others.
  await Promise.all([
    stores.demands.collection.createIndex({ status: 1, field: 1 }),
    stores.demands.collection.createIndex({ status: 1, keywords: 1 }),
    stores.demands.collection.createIndex({ region: 1 }),
    stores.catalogue.collection.createIndex({ status: 1, field: 1 }),
    stores.catalogue.collection.createIndex({ status: 1, keywords: 1 }),
    stores.matches.collection.createIndex({ demandId: 1 }),
    stores.matches.collection.createIndex({ technologyId: 1 }),
    stores.contracts.collection.createIndex({ 'seller.region': 1 }),
    stores.contracts.collection.createIndex({ 'buyer.region': 1 }),
    stores.challenges.collection.createIndex({ region: 1 }),
  ]);
}

export function createDemandService(options: DemandServiceOptions = {}): Service<DemandConfig> {
  const config = options.config ?? loadDemandConfig();
  const deps: DemandDeps = {
    stores: undefined as unknown as Stores,
    now: options.now ?? (() => new Date()),
    matching: { threshold: config.MATCH_THRESHOLD, limit: config.MATCH_LIMIT },
  };

  const service = createService<DemandConfig>({
    name: 'demand',
    service: 'demand',
    config,
    collections: Object.values(COLLECTIONS),
    ...(options.topicPrefix !== undefined ? { topicPrefix: options.topicPrefix } : {}),
    topics: 'catalogue',
    routes: (router) => registerRoutes(router, deps),
    consumers: [
      {
        groupId: 'demand.catalogue',
        topics: [TECHNOLOGY_TOPIC],
        handlers: technologyHandlers(deps),
      },
      {
        groupId: 'demand.self',
        topics: [DEMAND_TOPIC, CONTRACT_TOPIC],
        handlers: ownEventHandlers(deps),
      },
      {
        groupId: 'demand.ingest',
        topics: [ingestTopic('demand')],
        handlers: ingestHandlers(deps),
        ingest: true,
      },
    ],
    kpis: kpiGauges(() => deps.stores),
    onStart: () => ensureIndexes(deps.stores),
  });
  deps.stores = lazyStores(service.ctx);
  return service;
}
