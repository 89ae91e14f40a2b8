import type { KpiGaugeOptions } from '@corridor/service-kit';
import { leverage } from './domain';
import type { PoolDoc, Stores } from './model';
import type { FundQueries } from './queries';

/**
 * Business gauges computed from MongoDB at scrape time (names and labels: docs/ARCHITECTURE.md),
 * from the same queries as GET /kpis so the dashboard and the API never disagree.
 */
export function fundKpis(queries: FundQueries, stores: Stores): KpiGaugeOptions<string>[] {
  return [
    {
      name: 'corridor_fund_leverage_ratio',
      help: 'Fund size ÷ government commitment (放大倍数), per fund',
      labelNames: ['fund_id', 'region'],
      collect: async () => (await queries.allFunds()).map((f) => ({ labels: { fund_id: f.id, region: f.region }, value: leverage(f).ratio })),
    },
    {
      name: 'corridor_fund_reinvestment_progress_ratio',
      help: '返投 progress: investments into enterprises settled in the fund region ÷ the requirement (1 = met)',
      labelNames: ['fund_id', 'region'],
      collect: async () =>
        (await queries.progressOf(await queries.allFunds())).map((p) => ({
          labels: { fund_id: p.fundId, region: p.region },
          value: p.progress.ratio,
        })),
    },
    {
      name: 'corridor_fund_invested_fen',
      help: 'Committed investment amount in fen, per fund and instrument',
      labelNames: ['fund_id', 'region', 'instrument'],
      collect: async () => {
        const funds = await queries.allFunds();
        const invested = await queries.investedByInstrument();
        return funds.flatMap((f) =>
          Object.entries(invested.get(f.id) ?? {}).map(([instrument, fen]) => ({
            labels: { fund_id: f.id, region: f.region, instrument },
            value: fen,
          })),
        );
      },
    },
    {
      name: 'corridor_pool_balance_fen',
      help: 'Balance of a risk-compensation pool (风险补偿资金池) in fen',
      labelNames: ['pool_id', 'region'],
      collect: async () => {
        const pools = (await stores.pools.collection
          .find({}, { projection: { id: 1, region: 1, balanceFen: 1 } })
          .toArray()) as unknown as Pick<PoolDoc, 'id' | 'region' | 'balanceFen'>[];
        return pools.map((p) => ({ labels: { pool_id: p.id, region: p.region }, value: p.balanceFen }));
      },
    },
  ];
}
