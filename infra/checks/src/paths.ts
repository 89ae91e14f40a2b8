import * as path from 'node:path';

/** Repository root: this file runs from infra/checks/src (tests) or infra/checks/dist (built). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const paths = {
  compose: path.join(repoRoot, 'docker-compose.yml'),
  dotenv: path.join(repoRoot, '.env'),
  dockerfile: path.join(repoRoot, 'infra/docker/service.Dockerfile'),
  architecture: path.join(repoRoot, 'docs/ARCHITECTURE.md'),
  operating: path.join(repoRoot, 'docs/OPERATING.md'),
  kitMetrics: path.join(repoRoot, 'packages/service-kit/src/metrics.ts'),
  prometheusCompose: path.join(repoRoot, 'infra/prometheus/prometheus.yml'),
  prometheusLocal: path.join(repoRoot, 'infra/prometheus/prometheus.local.yml'),
  prometheusRulesDir: path.join(repoRoot, 'infra/prometheus/rules'),
  prometheusTestsDir: path.join(repoRoot, 'infra/prometheus/tests'),
  otelCollector: path.join(repoRoot, 'infra/otel-collector/config.yaml'),
  grafanaDatasources: path.join(repoRoot, 'infra/grafana/provisioning/datasources'),
  grafanaDashboardProviders: path.join(repoRoot, 'infra/grafana/provisioning/dashboards'),
  grafanaDashboards: path.join(repoRoot, 'infra/grafana/dashboards'),
} as const;
