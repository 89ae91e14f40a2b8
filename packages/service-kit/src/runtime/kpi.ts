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
