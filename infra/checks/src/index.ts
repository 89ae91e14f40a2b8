export {
  metricNamesInPromQL,
  unknownLabelsInPromQL,
  withGrafanaVariablesReplaced,
  PromQLSyntaxError,
} from './promql';
export {
  documentedMetrics,
  documentedLabelsOf,
  isDocumentedSeries,
  declaredMetrics,
  type DocumentedMetric,
  type DeclaredMetric,
} from './documented-metrics';
export {
  metricNamesUsedByDashboardsAndRules,
  metricNamesExpectedOnServices,
  undocumentedMetricUses,
  undocumentedLabelUses,
  allPromQL,
  type PromQLUse,
} from './sources';
export { renderDashboards } from './dashboards';
export { repoRoot, paths } from './paths';
export { seriesNamesInExposition, namesMissingFromExpositions } from './exposition';
