import { dlqTopic, ingestTopic, rejectionsTopic, topicCatalogue, topicFor, type TopicSpec } from '@corridor/contracts';
import { createService, type Service, type ServiceContext } from '@corridor/service-kit';
import { registerRoutes } from './api';
import { COLLECTIONS, type DemandDeps, type Stores } from './commands/deps';
import { loadDemandConfig, type DemandConfig } from './config';
import { ingestHandlers, ownEventHandlers, technologyHandlers } from './events';
import { kpiGauges } from './kpis';

export interface DemandServiceOptions {
  config?: DemandConfig;
  /** Tests run against a shared broker: every topic and consumer group gets this prefix (ending in '.'). */
  topicPrefix?: string;
  now?: () => Date;
}

const TECHNOLOGY_TOPIC = 'corridor.supply.technology.v1';
const DEMAND_TOPIC = 'corridor.demand.demand.v1';
const CONTRACT_TOPIC = 'corridor.demand.contract.v1';

/** Topics demand writes or reads, as declared in the contracts' catalogue. */
function ownTopics(): TopicSpec[] {
  return topicCatalogue.filter((t) => t.producer === 'demand' || t.consumers.includes('demand') || t.name === ingestTopic('demand'));
}

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
  const prefix = options.topicPrefix ?? '';
  const topic = (name: string) => `${prefix}${name}`;
  const deps: DemandDeps = {
    stores: undefined as unknown as Stores,
    now: options.now ?? (() => new Date()),
    matching: { threshold: config.MATCH_THRESHOLD, limit: config.MATCH_LIMIT },
  };
  const failureTopics = { dlqTopic: topic(dlqTopic('demand')), rejectionsTopic: topic(rejectionsTopic('demand')) };

  const service = createService<DemandConfig>({
    name: 'demand',
    service: 'demand',
    config,
    collections: Object.values(COLLECTIONS),
    topics: ownTopics().map((t) => ({ name: topic(t.name), partitions: t.partitions, config: { ...t.config } })),
    topicOf: (event) => topic(topicFor(event.type)),
    routes: (router) => registerRoutes(router, deps),
    consumers: [
      {
        groupId: topic('demand.catalogue'),
        topics: [topic(TECHNOLOGY_TOPIC)],
        handlers: technologyHandlers(deps),
        ...failureTopics,
      },
      {
        groupId: topic('demand.self'),
        topics: [topic(DEMAND_TOPIC), topic(CONTRACT_TOPIC)],
        handlers: ownEventHandlers(deps),
        ...failureTopics,
      },
      {
        groupId: topic('demand.ingest'),
        topics: [topic(ingestTopic('demand'))],
        handlers: ingestHandlers(deps),
        ingest: true,
        ...failureTopics,
      },
    ],
    kpis: kpiGauges(() => deps.stores),
    onStart: () => ensureIndexes(deps.stores),
  });
  deps.stores = lazyStores(service.ctx);
  return service;
}
