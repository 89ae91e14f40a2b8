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
  /**
   * Put before every topic this service touches (default: TOPIC_PREFIX) and before its consumer
   * group ids, so test runs sharing one broker neither see each other's events nor share offsets.
   */
  topicPrefix?: string;
}

function storesOf(ctx: ServiceContext): Stores {
  return {
    funds: ctx.store(COLLECTIONS.funds),
    investments: ctx.store(COLLECTIONS.investments),
    pools: ctx.store(COLLECTIONS.pools),
    settled: ctx.store(COLLECTIONS.settledEnterprises),
    poc: ctx.store(COLLECTIONS.pocCandidates),
    opportunities: ctx.store(COLLECTIONS.opportunities),
  };
}

export function createFundService(options: FundServiceOptions): Service {
  const prefix = options.topicPrefix ?? options.config.TOPIC_PREFIX ?? '';

  // Routes, consumers and KPIs are declared against the same wiring, built once the stores exist.
  let wired: { stores: Stores; commands: FundCommands; projections: FundProjections; queries: FundQueries } | undefined;
  const deps = (ctx: ServiceContext) => {
    if (!wired) {
      const stores = storesOf(ctx);
      wired = { stores, commands: new FundCommands(stores), projections: new FundProjections(stores), queries: new FundQueries(stores) };
    }
    return wired;
  };

  return createService({
    name: 'fund',
    service: 'fund',
    config: options.config,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(prefix ? { topicPrefix: prefix } : {}),
    collections: Object.values(COLLECTIONS),
    topics: 'catalogue',
    routes: (router, ctx) => {
      router.add(...fundRoutes(deps(ctx)));
    },
    kpis: (ctx) => fundKpis(deps(ctx).queries, deps(ctx).stores),
    consumers: (ctx) => [
      {
        groupId: 'fund-projections',
        topics: ['corridor.park.application.v1', 'corridor.supply.technology.v1', 'corridor.demand.contract.v1'],
        handlers: projectionHandlers(deps(ctx).projections),
      },
      {
        groupId: 'fund-ingest',
        topics: ['corridor.fund.ingest.v1'],
        handlers: ingestHandlers(deps(ctx).commands),
        ingest: true,
      },
    ],
  });
}
