export { metricNamesInPromQL, withGrafanaVariablesReplaced, PromQLSyntaxError } from './promql';
export { documentedMetrics, isDocumentedSeries, kitMetricNames, type DocumentedMetric } from './documented-metrics';
export {
  metricNamesUsedByDashboardsAndRules,
  metricNamesExpectedOnServices,
  undocumentedMetricUses,
  allPromQL,
  type PromQLUse,
} from './sources';
export { renderDashboards } from './dashboards';
export { repoRoot, paths } from './paths';
