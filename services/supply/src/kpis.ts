import { type Db, type KpiGaugeOptions, sumBy, sumsBy } from '@corridor/service-kit';

type Collection = ReturnType<Db['collection']>;

const byKey = <T extends Record<string, unknown>>(rows: T[], ...keys: (keyof T)[]) =>
  rows.sort((a, b) => keys.map((k) => String(a[k]).localeCompare(String(b[k]))).find((c) => c !== 0) ?? 0);

const statusRows = async (collection: Collection) =>
  (await sumBy(collection, {}, { region: '$region', status: '$status' })).map((r) => ({
    region: String(r.key.region),
    status: String(r.key.status),
    count: r.value,
  }));

/** GET /kpis; one `$sum` per aggregation (the kit's sumBy/sumsBy), so it is right on FerretDB v1 too. */
export async function technologyKpis(collection: Collection) {
  const [technologies, stages, transfers] = await Promise.all([
    statusRows(collection),
    sumBy(collection, { status: { $ne: 'withdrawn' } }, { region: '$region', stage: '$stage' }),
    sumsBy(
      collection,
      { status: 'transferred' },
      { seller: '$region', buyer: '$transfer.buyer.region' },
      { count: 1, valueFen: '$transfer.valueFen' },
    ),
  ]);
  return {
    technologies: byKey(technologies, 'region', 'status'),
    stages: byKey(
      stages.map((r) => ({ region: String(r.key.region), stage: String(r.key.stage), count: r.value })),
      'region',
      'stage',
    ),
    transfers: byKey(
      transfers.map((r) => ({
        sellerRegion: String(r.seller),
        buyerRegion: String(r.buyer),
        count: r.count,
        valueFen: r.valueFen,
      })),
      'sellerRegion',
      'buyerRegion',
    ),
  };
}

/** `corridor_technologies{region,status}`, computed from MongoDB at scrape time (agrees with GET /kpis). */
export function technologyGauge(collection: () => Collection): KpiGaugeOptions<'region' | 'status'> {
  return {
    name: 'corridor_technologies',
    help: 'Technologies (科技成果) by region and lifecycle status',
    labelNames: ['region', 'status'],
    async collect() {
      return (await statusRows(collection())).map((r) => ({ labels: { region: r.region, status: r.status }, value: r.count }));
    },
  };
}
