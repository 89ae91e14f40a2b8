import { ingestTopic, dlqTopic, rejectionsTopic, topicCatalogue, topicFor, type CorridorEvent } from '@corridor/contracts';
import { createService, type BaseConfig, type createLogger, type Service, type ServiceContext } from '@corridor/service-kit';
import { fundRoutes } from './api/routes';
import { FundCommands } from './commands';
import { ingestHandlers, projectionHandlers } from './events';
import { fundKpis } from './kpis';
import { COLLECTIONS, type Stores } from './model';
import { FundProjections } from './projections';
import { FundQueries } from './queries';

export interface FundServiceOptions {
  config: BaseConfig;
  logger?: ReturnType<typeof createLogger>;
  /** Tests run against a shared broker: every topic this service touches gets this prefix. */
  topicPrefix?: string;
  /** Consumer group ids get it too, so parallel test runs do not share offsets. */
  groupPrefix?: string;
}

/** Stores resolve on use: the kit creates them at start(), after this wiring was declared. */
function lazyStores(context: () => ServiceContext): Stores {
  return {
    get funds() {
      return context().store(COLLECTIONS.funds);
    },
    get investments() {
      return context().store(COLLECTIONS.investments);
    },
    get pools() {
      return context().store(COLLECTIONS.pools);
    },
    get settled() {
      return context().store(COLLECTIONS.settledEnterprises);
    },
    get poc() {
      return context().store(COLLECTIONS.pocCandidates);
    },
    get opportunities() {
      return context().store(COLLECTIONS.opportunities);
    },
  } as Stores;
}

export function createFundService(options: FundServiceOptions): Service {
  const prefix = options.topicPrefix ? `${options.topicPrefix}.` : '';
  const group = options.groupPrefix ? `${options.groupPrefix}.` : '';
  const t = (name: string) => `${prefix}${name}`;

  // Everything fund produces or consumes, including its own ingest, rejections and DLQ topics.
  const topics = topicCatalogue
    .filter((spec) => spec.producer === 'fund' || spec.consumers.includes('fund') || spec.name === ingestTopic('fund'))
    .map((spec) => ({ name: t(spec.name), partitions: spec.partitions, config: { ...spec.config } }));

  let wired: { commands: FundCommands; projections: FundProjections; queries: FundQueries; stores: Stores } | undefined;
  const deps = () => {
    if (!wired) {
      const stores = lazyStores(() => service.ctx as ServiceContext);
      wired = { stores, commands: new FundCommands(stores), projections: new FundProjections(stores), queries: new FundQueries(stores) };
    }
    return wired;
  };

  const service: Service = createService({
    name: 'fund',
    service: 'fund',
    config: options.config,
    ...(options.logger ? { logger: options.logger } : {}),
    collections: Object.values(COLLECTIONS),
    topics,
    topicOf: (event: CorridorEvent) => t(topicFor(event.type)),
    routes: (router) => {
      router.add(...fundRoutes(deps()));
    },
    kpis: () => fundKpis(deps().queries, deps().stores),
    consumers: [
      {
        groupId: `${group}fund-projections`,
        topics: [t('corridor.park.application.v1'), t('corridor.supply.technology.v1'), t('corridor.demand.contract.v1')],
        handlers: projectionHandlers(deps().projections),
        dlqTopic: t(dlqTopic('fund')),
      },
      {
        groupId: `${group}fund-ingest`,
        topics: [t(ingestTopic('fund'))],
        handlers: ingestHandlers(deps().commands),
        ingest: true,
        dlqTopic: t(dlqTopic('fund')),
        rejectionsTopic: t(rejectionsTopic('fund')),
      },
    ],
  });
  return service;
}
