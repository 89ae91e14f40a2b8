import { Gauge } from 'prom-client';
import { registry } from '../metrics';

export interface KpiSample<L extends string> {
  labels: Partial<Record<L, string | number>>;
  value: number;
}

export interface KpiGaugeOptions<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  /** Runs at scrape time, typically one MongoDB aggregation; its answer replaces every series. */
  collect: () => Promise<KpiSample<L>[]>;
}

/** A KPI as services declare it in createService({ kpis }). */
export type KpiCollector<L extends string = string> = KpiGaugeOptions<L>;

/**
 * A gauge computed from MongoDB when Prometheus scrapes, so KPIs are right after a restart and
 * agree with the KPI endpoints (both read the same documents). Series that vanished from the
 * database vanish from the scrape because the gauge is reset first.
 */
export function kpiGauge<L extends string>(opts: KpiGaugeOptions<L>): Gauge<L> {
  const existing = registry.getSingleMetric(opts.name);
  if (existing) registry.removeSingleMetric(opts.name);
  return new Gauge<L>({
    name: opts.name,
    help: opts.help,
    labelNames: opts.labelNames,
    registers: [registry],
    async collect() {
      let samples: KpiSample<L>[];
      try {
        samples = await opts.collect();
      } catch {
        // An unreachable database must not fail the whole scrape; absent series read as "unknown".
        this.reset();
        return;
      }
      this.reset();
      for (const s of samples) this.set(s.labels as Partial<Record<L, string | number>>, s.value);
    },
  });
}

/** Anything with MongoDB's `aggregate` (a driver collection, AggregateStore#collection). */
export interface Aggregatable {
  aggregate(pipeline: Record<string, unknown>[]): { toArray(): Promise<unknown[]> };
}

/** What a `$sum` adds per document: 1 (a count) or a field path such as `'$valueFen'`. */
export type SumExpression = 1 | `$${string}`;

export interface SumRow<K extends string> {
  /** The group's key values (null when the documents lack the field). */
  key: Record<K, unknown>;
  value: number;
}

/**
 * `$match` + `$group` with exactly ONE `$sum` accumulator. FerretDB v1 computes only the first
 * accumulator of a `$group` (later ones come back 0), so every figure of a KPI query is its own
 * aggregation; `sumsBy` joins several of them. Works the same on MongoDB.
 */
export async function sumBy<K extends string>(
  collection: Aggregatable,
  match: Record<string, unknown>,
  groupKeys: Record<K, string>,
  value: SumExpression = 1,
): Promise<SumRow<K>[]> {
  const pipeline = [
    ...(Object.keys(match).length ? [{ $match: match }] : []),
    { $group: { _id: groupKeys, value: { $sum: value } } },
  ];
  const rows = (await collection.aggregate(pipeline).toArray()) as { _id: Record<K, unknown>; value: number }[];
  return rows.map((r) => ({ key: r._id, value: r.value }));
}

/**
 * Several sums over the same groups, one aggregation each (see sumBy), joined per group and
 * sorted by the group keys: `sumsBy(c, {}, { region: '$region' }, { count: 1, valueFen: '$valueFen' })`
 * → `[{ region: 'CN-BJ', count: 3, valueFen: 900 }]`. A figure a group lacks is 0.
 */
export async function sumsBy<K extends string, F extends string>(
  collection: Aggregatable,
  match: Record<string, unknown>,
  groupKeys: Record<K, string>,
  figures: Record<F, SumExpression>,
): Promise<(Record<K, unknown> & Record<F, number>)[]> {
  const names = Object.keys(groupKeys) as K[];
  const figureNames = Object.keys(figures) as F[];
  const idOf = (key: Record<K, unknown>) => JSON.stringify(names.map((k) => key[k] ?? null));
  const results = await Promise.all(figureNames.map((f) => sumBy(collection, match, groupKeys, figures[f])));
  const joined = new Map<string, Record<string, unknown>>();
  results.forEach((rows, i) => {
    for (const r of rows) {
      const id = idOf(r.key);
      const row =
        joined.get(id) ??
        Object.fromEntries([
          ...names.map((k) => [k, r.key[k] ?? null]),
          ...figureNames.map((f) => [f, 0]),
        ]);
      row[figureNames[i]!] = r.value;
      joined.set(id, row);
    }
  });
  return [...joined.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, row]) => row as Record<K, unknown> & Record<F, number>);
}
