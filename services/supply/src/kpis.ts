import type { Db, KpiGaugeOptions } from '@corridor/service-kit';

type Collection = ReturnType<Db['collection']>;
type Document = Record<string, unknown>;

interface Row {
  _id: Record<string, string | null>;
  count: number;
}

/**
 * Only $match/$group/$sum, and ONE accumulator per $group: FerretDB v1 computes only the first
 * accumulator of a $group and returns 0 for the others (docs/notes/kit-requests.md).
 */
async function group(collection: Collection, match: Document, by: Record<string, string>, sum: string | 1 = 1): Promise<Row[]> {
  return (await collection.aggregate([{ $match: match }, { $group: { _id: by, count: { $sum: sum } } }]).toArray()) as Row[];
}

const byKey = <T extends Record<string, unknown>>(rows: T[], ...keys: (keyof T)[]) =>
  rows.sort((a, b) => keys.map((k) => String(a[k]).localeCompare(String(b[k]))).find((c) => c !== 0) ?? 0);

export async function technologyKpis(collection: Collection) {
  const corridor = { seller: '$region', buyer: '$transfer.buyer.region' };
  const [statuses, stages, transfers, values] = await Promise.all([
    group(collection, {}, { region: '$region', status: '$status' }),
    group(collection, { status: { $ne: 'withdrawn' } }, { region: '$region', stage: '$stage' }),
    group(collection, { status: 'transferred' }, corridor),
    group(collection, { status: 'transferred' }, corridor, '$transfer.valueFen'),
  ]);
  const valueOf = (r: Row) => values.find((v) => v._id.seller === r._id.seller && v._id.buyer === r._id.buyer)?.count ?? 0;
  return {
    technologies: byKey(
      statuses.map((r) => ({ region: String(r._id.region), status: String(r._id.status), count: r.count })),
      'region',
      'status',
    ),
    stages: byKey(
      stages.map((r) => ({ region: String(r._id.region), stage: String(r._id.stage), count: r.count })),
      'region',
      'stage',
    ),
    transfers: byKey(
      transfers.map((r) => ({
        sellerRegion: String(r._id.seller),
        buyerRegion: String(r._id.buyer),
        count: r.count,
        valueFen: valueOf(r),
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
      const rows = await group(collection(), {}, { region: '$region', status: '$status' });
      return rows.map((r) => ({ labels: { region: String(r._id.region), status: String(r._id.status) }, value: r.count }));
    },
  };
}
