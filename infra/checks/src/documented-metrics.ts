import { readFileSync } from 'node:fs';
import { paths } from './paths';

export interface DocumentedMetric {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  labels: string[];
}

/** The table under "## Metrics" in docs/ARCHITECTURE.md: the binding list of metric names. */
export function documentedMetrics(
  architectureMd = readFileSync(paths.architecture, 'utf8'),
): DocumentedMetric[] {
  const section = /^## Metrics[^\n]*\n([\s\S]*?)(?=^## )/m.exec(architectureMd)?.[1];
  if (!section) throw new Error('docs/ARCHITECTURE.md has no "## Metrics" section');
  const metrics: DocumentedMetric[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([a-z_:][a-z0-9_:]*)`$/.exec(cells[1] ?? '')?.[1];
    if (!name) continue;
    const type = /^(counter|gauge|histogram)/.exec(cells[2] ?? '')?.[1] as
      DocumentedMetric['type'] | undefined;
    if (!type) throw new Error(`docs/ARCHITECTURE.md: metric ${name} has no recognisable type`);
    const labels = [...(cells[3] ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string);
    metrics.push({ name, type, labels });
  }
  if (metrics.length === 0) throw new Error('docs/ARCHITECTURE.md "## Metrics" lists no metrics');
  return metrics;
}

const HISTOGRAM_SERIES = ['_bucket', '_sum', '_count'] as const;
/** prom-client's default metrics, `up` (Prometheus adds it per target) and `ALERTS` (per firing alert). */
const ALWAYS_ALLOWED = /^(up|ALERTS|process_[a-z0-9_]+|nodejs_[a-z0-9_]+)$/;

/**
 * Whether a series name is documented: a listed name, a listed histogram's `_bucket`/`_sum`/
 * `_count` series, `up`/`ALERTS`, or a prom-client default (`process_*`, `nodejs_*`).
 */
export function isDocumentedSeries(
  series: string,
  documented: DocumentedMetric[] = documentedMetrics(),
): boolean {
  if (ALWAYS_ALLOWED.test(series)) return true;
  return documented.some(
    (m) =>
      m.name === series || (m.type === 'histogram' && HISTOGRAM_SERIES.some((s) => series === m.name + s)),
  );
}

/** Metric names the service kit registers (read from its source so this needs no build). */
export function kitMetricNames(source = readFileSync(paths.kitMetrics, 'utf8')): string[] {
  return [...source.matchAll(/\bname:\s*'([a-z_:][a-z0-9_:]*)'/g)].map((m) => m[1] as string).sort();
}

/** Labels Prometheus attaches to every scraped series (`service` is also the kit's default label). */
const TARGET_LABELS = ['service', 'job', 'instance'];

/**
 * The labels a series carries, from docs/ARCHITECTURE.md (plus target labels, and `le` on a
 * histogram's `_bucket`); undefined for series whose labels are not documented (prom-client
 * defaults, `ALERTS`), which are then not label-checked.
 */
export function documentedLabelsOf(
  series: string,
  documented: DocumentedMetric[] = documentedMetrics(),
): string[] | undefined {
  if (series === 'up') return TARGET_LABELS;
  for (const m of documented) {
    if (series === m.name) return [...m.labels, ...TARGET_LABELS];
    if (m.type === 'histogram' && series === `${m.name}_bucket`) return [...m.labels, ...TARGET_LABELS, 'le'];
    if (m.type === 'histogram' && (series === `${m.name}_sum` || series === `${m.name}_count`)) {
      return [...m.labels, ...TARGET_LABELS];
    }
  }
  return undefined;
}
