import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { documentedLabelsOf, documentedMetrics, isDocumentedSeries } from './documented-metrics';
import { paths, repoRoot } from './paths';
import { metricNamesInPromQL, unknownLabelsInPromQL } from './promql';

/** One PromQL expression and where it lives, for error messages that point at the file. */
export interface PromQLUse {
  file: string;
  where: string;
  expr: string;
}

const rel = (file: string) => path.relative(repoRoot, file);

export function filesIn(dir: string, ext: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export function readYaml<T = unknown>(file: string): T {
  return parseYaml(readFileSync(file, 'utf8')) as T;
}

export interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function ruleFiles(): string[] {
  return filesIn(paths.prometheusRulesDir, /\.ya?ml$/);
}

export function rules(): { file: string; group: string; rule: AlertRule }[] {
  return ruleFiles().flatMap((file) => {
    const doc = readYaml<{ groups: { name: string; rules: AlertRule[] }[] }>(file);
    return doc.groups.flatMap((g) => g.rules.map((rule) => ({ file, group: g.name, rule })));
  });
}

export interface DashboardTarget {
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
export interface DashboardPanel {
  title?: string;
  type: string;
  datasource?: { type?: string; uid?: string };
  targets?: DashboardTarget[];
  panels?: DashboardPanel[];
}
export interface Dashboard {
  uid: string;
  title: string;
  tags?: string[];
  panels: DashboardPanel[];
  templating?: {
    list: { name: string; type: string; query?: unknown; datasource?: { type?: string; uid?: string } }[];
  };
  annotations?: { list: { name: string; expr?: string; datasource?: { type?: string; uid?: string } }[] };
}

export function dashboardFiles(): string[] {
  return filesIn(paths.grafanaDashboards, /\.json$/);
}

export function readDashboard(file: string): Dashboard {
  return JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
}

/** Panels, including those nested in collapsed rows. */
export function allPanels(d: Dashboard): DashboardPanel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** `label_values(<selector>, label)` → the selector; other Grafana variable queries read no metric. */
function templatingExpr(query: unknown): string | undefined {
  const text = typeof query === 'string' ? query : (query as { query?: unknown } | undefined)?.query;
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(?:label_values|query_result)\(\s*(.+?)\s*(?:,\s*[a-zA-Z_]+\s*)?\)\s*$/.exec(text);
  if (!m?.[1] || /^[a-zA-Z_]+$/.test(m[1])) return undefined;
  return m[1];
}

export function dashboardPromQL(): PromQLUse[] {
  return dashboardFiles().flatMap((file) => {
    const d = readDashboard(file);
    const fromPanels = allPanels(d).flatMap((p) =>
      (p.targets ?? []).flatMap((t) =>
        t.expr ? [{ file: rel(file), where: `panel "${p.title}"`, expr: t.expr }] : [],
      ),
    );
    const fromVariables = (d.templating?.list ?? []).flatMap((v) => {
      const expr = v.type === 'query' ? templatingExpr(v.query) : undefined;
      return expr ? [{ file: rel(file), where: `variable "${v.name}"`, expr }] : [];
    });
    const fromAnnotations = (d.annotations?.list ?? []).flatMap((a) =>
      a.expr ? [{ file: rel(file), where: `annotation "${a.name}"`, expr: a.expr }] : [],
    );
    return [...fromPanels, ...fromVariables, ...fromAnnotations];
  });
}

export function rulePromQL(): PromQLUse[] {
  return rules().map(({ file, rule }) => ({
    file: rel(file),
    where: `rule ${rule.alert ?? rule.record}`,
    expr: rule.expr,
  }));
}

interface DatasourceFile {
  datasources: {
    uid: string;
    type: string;
    jsonData?: { tracesToMetrics?: { queries?: { name: string; query: string }[] } };
  }[];
}

export function datasources(): DatasourceFile['datasources'] {
  return filesIn(paths.grafanaDatasources, /\.ya?ml$/).flatMap(
    (f) => readYaml<DatasourceFile>(f).datasources,
  );
}

/** Queries inside the data source provisioning (Jaeger's trace-to-metrics links). */
export function datasourcePromQL(): PromQLUse[] {
  return datasources().flatMap((ds) =>
    (ds.jsonData?.tracesToMetrics?.queries ?? []).map((q) => ({
      file: 'infra/grafana/provisioning/datasources',
      where: `${ds.uid} trace-to-metrics "${q.name}"`,
      expr: q.query,
    })),
  );
}

export function allPromQL(): PromQLUse[] {
  return [...rulePromQL(), ...dashboardPromQL(), ...datasourcePromQL()];
}

/**
 * Every series name the dashboards, alert/recording rules and data source links read, exactly
 * as it appears in a /metrics exposition (a histogram shows up as `<name>_bucket` / `_count` /
 * `_sum`). Includes `up` and `ALERTS`, which Prometheus itself synthesises; see
 * {@link metricNamesExpectedOnServices} for the list to compare with a service's /metrics.
 */
export function metricNamesUsedByDashboardsAndRules(): string[] {
  const names = new Set(allPromQL().flatMap((u) => metricNamesInPromQL(u.expr)));
  return [...names].sort();
}

/** Series Prometheus creates itself: per-target `up`/`scrape_*`, and `ALERTS` from the rules. */
const PROMETHEUS_SYNTHESISED = /^(up|scrape_[a-z_]+|ALERTS|ALERTS_FOR_STATE)$/;

/** {@link metricNamesUsedByDashboardsAndRules} without the series Prometheus adds itself. */
export function metricNamesExpectedOnServices(): string[] {
  return metricNamesUsedByDashboardsAndRules().filter((n) => !PROMETHEUS_SYNTHESISED.test(n));
}

/** Uses of a metric name that docs/ARCHITECTURE.md does not list (empty when all is well). */
export function undocumentedMetricUses(): { name: string; use: PromQLUse }[] {
  return allPromQL().flatMap((use) =>
    metricNamesInPromQL(use.expr)
      .filter((name) => !isDocumentedSeries(name))
      .map((name) => ({ name, use })),
  );
}

/** Label names used on documented metrics that those metrics do not have (empty when all is well). */
export function undocumentedLabelUses(): { problem: string; use: PromQLUse }[] {
  const documented = documentedMetrics();
  return allPromQL().flatMap((use) =>
    unknownLabelsInPromQL(use.expr, (m) => documentedLabelsOf(m, documented)).map((problem) => ({
      problem,
      use,
    })),
  );
}
