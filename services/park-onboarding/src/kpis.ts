import { type Db, type KpiGaugeOptions, sumBy } from '@corridor/service-kit';
import { APPLICATIONS, PARKS } from './commands';
import { occupancyRatio, type Park } from './domain';

interface Filter {
  parkId?: string;
  region?: string;
}

// One `$sum` per aggregation (the kit's sumBy): the same pipelines run on MongoDB and on FerretDB v1.
async function settlementRows(db: Db, f: Filter) {
  const match: Record<string, unknown> = { status: 'settled' };
  if (f.parkId) match.parkId = f.parkId;
  if (f.region) match.parkRegion = f.region;
  const rows = await sumBy(db.collection(APPLICATIONS), match, {
    parkId: '$parkId',
    parkRegion: '$parkRegion',
    originRegion: '$enterprise.originRegion',
  });
  return rows.map((r) => ({
    parkId: String(r.key.parkId),
    parkRegion: String(r.key.parkRegion),
    originRegion: String(r.key.originRegion),
    count: r.value,
  }));
}

async function parkOccupancy(db: Db, f: Filter) {
  const filter: Record<string, unknown> = {};
  if (f.parkId) filter._id = f.parkId;
  if (f.region) filter.region = f.region;
  // Occupancy needs the length of `occupants`; FerretDB v1 lacks $size in $group, so count here.
  const parks = await db
    .collection<Park & { _id: string }>(PARKS)
    .find(filter as never, { projection: { name: 1, region: 1, capacity: 1, occupants: 1 } })
    .toArray();
  return parks.map((p) => ({
    parkId: p._id,
    name: p.name,
    region: p.region,
    capacity: p.capacity,
    occupied: p.occupants.length,
    ratio: occupancyRatio(p),
  }));
}

const sortBy = <T>(rows: T[], key: (r: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));

/** GET /kpis: "how many firms came to this park from Beijing" is `settlementsByPark` filtered by park. */
export async function onboardingKpis(db: Db, f: Filter = {}) {
  const match: Record<string, unknown> = {};
  if (f.parkId) match.parkId = f.parkId;
  if (f.region) match.parkRegion = f.region;
  const [byPark, occupancy, applications] = await Promise.all([
    settlementRows(db, f),
    parkOccupancy(db, f),
    sumBy(db.collection(APPLICATIONS), match, { parkRegion: '$parkRegion', status: '$status' }),
  ]);
  const byRegion = new Map<string, { parkRegion: string; originRegion: string; count: number }>();
  for (const r of byPark) {
    const key = `${r.parkRegion}>${r.originRegion}`;
    const row = byRegion.get(key) ?? { parkRegion: r.parkRegion, originRegion: r.originRegion, count: 0 };
    row.count += r.count;
    byRegion.set(key, row);
  }
  return {
    settlements: sortBy([...byRegion.values()], (r) => `${r.parkRegion}>${r.originRegion}`),
    settlementsByPark: sortBy(byPark, (r) => `${r.parkId}>${r.originRegion}`),
    occupancy: sortBy(occupancy, (r) => r.parkId),
    applications: sortBy(
      applications.map((r) => ({ parkRegion: String(r.key.parkRegion), status: String(r.key.status), count: r.value })),
      (r) => `${r.parkRegion}>${r.status}`,
    ),
  };
}

/** Gauges computed from MongoDB at scrape time, so they agree with GET /kpis after any restart. */
export function onboardingGauges(db: () => Db): KpiGaugeOptions<string>[] {
  return [
    {
      name: 'corridor_settlements',
      help: 'Enterprises settled, by park region and the region they came from',
      labelNames: ['park_region', 'origin_region'],
      async collect() {
        const { settlements } = await onboardingKpis(db());
        return settlements.map((s) => ({ labels: { park_region: s.parkRegion, origin_region: s.originRegion }, value: s.count }));
      },
    },
    {
      name: 'corridor_park_occupancy_ratio',
      help: 'Places taken (approved, registered, settled) divided by capacity, per park',
      labelNames: ['park_id', 'region'],
      async collect() {
        const rows = await parkOccupancy(db(), {});
        return rows.map((r) => ({ labels: { park_id: r.parkId, region: r.region }, value: r.ratio }));
      },
    },
  ];
}
