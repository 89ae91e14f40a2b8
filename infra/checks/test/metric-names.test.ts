import { declaredMetrics, documentedMetrics, isDocumentedSeries } from '../src/documented-metrics';
import {
  allPromQL,
  metricNamesExpectedOnServices,
  metricNamesUsedByDashboardsAndRules,
  undocumentedMetricUses,
  undocumentedLabelUses,
} from '../src/sources';

describe('metric names used by dashboards, rules and data source links', () => {
  const documented = documentedMetrics();

  test('docs/ARCHITECTURE.md lists the metrics with a type', () => {
    expect(documented.map((m) => m.name)).toContain('corridor_http_request_duration_seconds');
    expect(documented.find((m) => m.name === 'corridor_http_request_duration_seconds')?.type).toBe(
      'histogram',
    );
    expect(documented.find((m) => m.name === 'corridor_dlq_events_total')?.labels).toEqual([
      'consumer',
      'topic',
      'reason',
    ]);
    // values listed in parentheses in the table are not labels
    expect(documented.find((m) => m.name === 'corridor_events_consumed_total')?.labels).toEqual([
      'type',
      'topic',
      'consumer',
      'outcome',
    ]);
  });

  test('every corridor_* instrument the kit and the services declare is documented, with the same labels', () => {
    const declared = declaredMetrics();
    expect(declared.map((d) => d.file)).toContain('packages/service-kit/src/metrics.ts');
    const mismatches = declared
      .map((d) => ({ d, doc: documented.find((m) => m.name === d.name) }))
      .filter(({ d, doc }) => !doc || [...doc.labels].sort().join() !== [...d.labels].sort().join())
      .map(
        ({ d, doc }) =>
          `${d.name} in ${d.file}: labels ${d.labels.join(',')} vs documented ${doc?.labels.join(',') ?? '(not documented)'}`,
      );
    expect(mismatches).toEqual([]);
  });

  test('every corridor_* metric a dashboard or rule reads is declared by the kit or a service', () => {
    const declared = new Set(declaredMetrics().map((d) => d.name));
    const base = (series: string) => {
      const histogram = documented.find((m) => m.type === 'histogram' && series.startsWith(m.name + '_'));
      return histogram?.name ?? series;
    };
    const undeclared = metricNamesUsedByDashboardsAndRules()
      .filter((n) => n.startsWith('corridor_'))
      .filter((n) => !declared.has(base(n)));
    expect(undeclared).toEqual([]);
  });

  test('a histogram series counts as documented, an unknown name or a counter suffix does not', () => {
    expect(isDocumentedSeries('corridor_http_request_duration_seconds_bucket', documented)).toBe(true);
    expect(isDocumentedSeries('nodejs_heap_size_used_bytes', documented)).toBe(true);
    expect(isDocumentedSeries('corridor_events_produced_total_count', documented)).toBe(false);
    expect(isDocumentedSeries('corridor_http_requests_total', documented)).toBe(false);
  });

  test('every expression parses as PromQL', () => {
    const uses = allPromQL();
    expect(uses.length).toBeGreaterThan(20);
    expect(() => metricNamesUsedByDashboardsAndRules()).not.toThrow();
  });

  test('every metric name used is one documented in docs/ARCHITECTURE.md', () => {
    const offenders = undocumentedMetricUses().map(({ name, use }) => `${name} (${use.file}: ${use.where})`);
    expect(offenders).toEqual([]);
  });

  test('every label used on a documented metric is one of its documented labels', () => {
    const offenders = undocumentedLabelUses().map(
      ({ problem, use }) => `${problem} (${use.file}: ${use.where})`,
    );
    expect(offenders).toEqual([]);
  });

  test('the event-flow signals the issue asks for are all on a dashboard or in a rule', () => {
    const used = metricNamesUsedByDashboardsAndRules();
    for (const name of [
      'corridor_events_produced_total',
      'corridor_events_consumed_total',
      'corridor_events_failed_total',
      'corridor_consumer_lag_messages',
      'corridor_outbox_backlog_events',
      'corridor_outbox_oldest_age_seconds',
      'corridor_dlq_events_total',
      'corridor_contract_value_fen',
      'corridor_settlements',
      'corridor_fund_leverage_ratio',
      'corridor_fund_reinvestment_progress_ratio',
    ]) {
      expect(used).toContain(name);
    }
  });

  test('the list for comparing with /metrics leaves out what Prometheus synthesises', () => {
    const forServices = metricNamesExpectedOnServices();
    expect(forServices).not.toContain('up');
    expect(forServices).not.toContain('ALERTS');
    expect(forServices).toContain('corridor_http_request_duration_seconds_count');
  });
});
