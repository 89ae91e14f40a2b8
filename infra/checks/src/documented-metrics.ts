import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { paths, repoRoot } from './paths';

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
    // `outcome` (`processed`/`duplicate`/…): the parenthesised names are values, not labels
    const labels = [...(cells[3] ?? '').replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map(
      (m) => m[1] as string,
    );
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

export interface DeclaredMetric {
  name: string;
  labels: string[];
  file: string;
}

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * `corridor_*` instruments declared in the service kit's and the services' sources (an object
 * literal with `name: 'corridor_…'` and `labelNames: [...]`), read as text so this needs no build.
 * This is how a renamed label in a KPI gauge is caught before a dashboard silently goes empty.
 */
export function declaredMetrics(
  dirs: string[] = [path.join(repoRoot, 'packages/service-kit/src'), path.join(repoRoot, 'services')],
): DeclaredMetric[] {
  return dirs
    .flatMap((d) => sourceFiles(d))
    .filter(
      (f) => !f.includes(`${path.sep}test${path.sep}`) && !f.includes(`${path.sep}node_modules${path.sep}`),
    )
    .flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/\bname:\s*'(corridor_[a-z0-9_]+)'[^}]*?labelNames:\s*\[([^\]]*)\]/g)].map(
        (m) => ({
          name: m[1] as string,
          labels: [...(m[2] as string).matchAll(/'([a-z_]+)'/g)].map((l) => l[1] as string),
          file: path.relative(repoRoot, file),
        }),
      );
    });
}
