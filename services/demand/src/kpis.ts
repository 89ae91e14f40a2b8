import type { KpiGaugeOptions } from '@corridor/service-kit';
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

type Collection = Stores['contracts']['collection'];

/**
 * One `$group` with ONE `$sum` accumulator per query. FerretDB v1 has only `$sum`/`$count`, and
 * (measured against v1.24) computes just the first accumulator of a `$group` correctly — later
 * ones come back as 0 — so each figure gets its own aggregation and the results are joined here.
 */
async function sumBy<K extends Record<string, string>>(
  collection: Collection,
  key: K,
  sum: 1 | `$${string}`,
): Promise<Map<string, { key: Record<keyof K, unknown>; value: number }>> {
  const rows = await (collection as unknown as { aggregate: Collection['aggregate'] })
    .aggregate<{ _id: Record<keyof K, unknown>; value: number }>([{ $group: { _id: key, value: { $sum: sum } } }])
    .toArray();
  return new Map(rows.map((r) => [JSON.stringify(Object.keys(key).map((k) => r._id[k as keyof K])), { key: r._id, value: r.value }]));
}

export async function contractKpis(stores: Stores): Promise<ContractKpi[]> {
  const key = { s: '$seller.region', b: '$buyer.region', st: '$status' };
  const [counts, values, confirmed] = await Promise.all([
    sumBy(stores.contracts.collection, key, 1),
    sumBy(stores.contracts.collection, key, '$valueFen'),
    sumBy(stores.contracts.collection, key, '$registration.confirmedValueFen'),
  ]);
  return [...counts.entries()]
    .map(([k, { key: id, value }]) => ({
      sellerRegion: String(id.s),
      buyerRegion: String(id.b),
      status: String(id.st),
      count: value,
      valueFen: values.get(k)?.value ?? 0,
      confirmedValueFen: confirmed.get(k)?.value ?? 0,
    }))
    .sort((a, b) => `${a.sellerRegion}${a.buyerRegion}${a.status}`.localeCompare(`${b.sellerRegion}${b.buyerRegion}${b.status}`));
}

export async function matchKpis(stores: Stores): Promise<MatchKpi[]> {
  const counts = await sumBy(stores.matches.collection as unknown as Collection, { c: '$crossRegion', st: '$status' }, 1);
  return [...counts.values()].map(({ key, value }) => ({ crossRegion: key.c === true, status: String(key.st), count: value }));
}

async function countByStatus(collection: Stores['demands']['collection'] | Stores['challenges']['collection']) {
  const rows = await (collection as Stores['demands']['collection'])
    .aggregate<{ _id: string; count: number }>([{ $group: { _id: '$status', count: { $sum: 1 } } }])
    .toArray();
  return Object.fromEntries(rows.map((r) => [r._id, r.count]));
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
