import { sumBy, sumsBy, type KpiGaugeOptions } from '@corridor/service-kit';
import type { Stores } from './commands/deps';

export interface ContractKpi {
  sellerRegion: string;
  buyerRegion: string;
  status: string;
  count: number;
  valueFen: number;
  confirmedValueFen: number;
}

export interface MatchKpi {
  crossRegion: boolean;
  status: string;
  count: number;
}

/** Each figure is its own one-`$sum` aggregation (the kit's sumsBy): FerretDB v1 zeroes a second accumulator. */
export async function contractKpis(stores: Stores): Promise<ContractKpi[]> {
  const rows = await sumsBy(
    stores.contracts.collection,
    {},
    { s: '$seller.region', b: '$buyer.region', st: '$status' },
    { count: 1, valueFen: '$valueFen', confirmedValueFen: '$registration.confirmedValueFen' },
  );
  return rows.map((r) => ({
    sellerRegion: String(r.s),
    buyerRegion: String(r.b),
    status: String(r.st),
    count: r.count,
    valueFen: r.valueFen,
    confirmedValueFen: r.confirmedValueFen,
  }));
}

export async function matchKpis(stores: Stores): Promise<MatchKpi[]> {
  const rows = await sumBy(stores.matches.collection, {}, { c: '$crossRegion', st: '$status' });
  return rows.map(({ key, value }) => ({ crossRegion: key.c === true, status: String(key.st), count: value }));
}

async function countByStatus(collection: Stores['demands']['collection'] | Stores['challenges']['collection']) {
  const rows = await sumBy(collection, {}, { status: '$status' });
  return Object.fromEntries(rows.map((r) => [String(r.key.status), r.value]));
}

/** GET /kpis: the same numbers the gauges export, plus totals per region pair for dashboards and reports. */
export async function kpiReport(stores: Stores) {
  const [contracts, matches, demands, challenges] = await Promise.all([
    contractKpis(stores),
    matchKpis(stores),
    countByStatus(stores.demands.collection),
    countByStatus(stores.challenges.collection),
  ]);
  const pairs = new Map<string, { sellerRegion: string; buyerRegion: string; contracts: number; valueFen: number; confirmedValueFen: number }>();
  for (const c of contracts) {
    // Terminated deals moved no technology; drafts have not happened yet.
    if (c.status !== 'signed' && c.status !== 'registered') continue;
    const key = `${c.sellerRegion}>${c.buyerRegion}`;
    const pair = pairs.get(key) ?? { sellerRegion: c.sellerRegion, buyerRegion: c.buyerRegion, contracts: 0, valueFen: 0, confirmedValueFen: 0 };
    pair.contracts += c.count;
    pair.valueFen += c.valueFen;
    pair.confirmedValueFen += c.confirmedValueFen;
    pairs.set(key, pair);
  }
  return {
    contractValueByRegionPair: [...pairs.values()],
    contracts,
    matches,
    counts: { demands, challenges },
  };
}

/** Business gauges, computed from MongoDB at scrape time (names: docs/ARCHITECTURE.md). */
export function kpiGauges(stores: () => Stores): KpiGaugeOptions<string>[] {
  return [
    {
      name: 'corridor_contract_value_fen',
      help: 'Technology contract value in fen by seller region, buyer region and status',
      labelNames: ['seller_region', 'buyer_region', 'status'],
      collect: async () =>
        (await contractKpis(stores())).map((c) => ({
          labels: { seller_region: c.sellerRegion, buyer_region: c.buyerRegion, status: c.status },
          value: c.valueFen,
        })),
    },
    {
      name: 'corridor_contracts',
      help: 'Technology contracts by seller region, buyer region and status',
      labelNames: ['seller_region', 'buyer_region', 'status'],
      collect: async () =>
        (await contractKpis(stores())).map((c) => ({
          labels: { seller_region: c.sellerRegion, buyer_region: c.buyerRegion, status: c.status },
          value: c.count,
        })),
    },
    {
      name: 'corridor_matches',
      help: 'Matches by cross-region flag and status',
      labelNames: ['cross_region', 'status'],
      collect: async () =>
        (await matchKpis(stores())).map((m) => ({ labels: { cross_region: String(m.crossRegion), status: m.status }, value: m.count })),
    },
  ];
}
