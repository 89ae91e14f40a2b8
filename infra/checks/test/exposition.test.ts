import { Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import { namesMissingFromExpositions, seriesNamesInExposition } from '../src/exposition';

/** A registry shaped like the kit's, rendered by prom-client itself (not hand-written text). */
async function exposition(
  contentType: RegistryContentType = Registry.PROMETHEUS_CONTENT_TYPE,
): Promise<string> {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(contentType);
  registry.setDefaultLabels({ service: 'supply' });
  new Histogram({ name: 'req_seconds', help: 'h', labelNames: ['route'], registers: [registry] }).observe(
    { route: '/x' },
    0.2,
  );
  new Counter({ name: 'events_total', help: 'c', labelNames: ['type'], registers: [registry] }).inc({
    type: 't',
  });
  new Gauge({ name: 'lag_messages', help: 'g', registers: [registry] }).set(3);
  new Counter({ name: 'never_incremented_total', help: 'c', labelNames: ['type'], registers: [registry] });
  return registry.metrics();
}

describe('reading /metrics output', () => {
  test.each([
    ['Prometheus text', Registry.PROMETHEUS_CONTENT_TYPE],
    ['OpenMetrics', Registry.OPENMETRICS_CONTENT_TYPE],
  ] as const)('%s: series names, histograms as _bucket/_sum/_count', async (_label, contentType) => {
    const names = seriesNamesInExposition(await exposition(contentType));
    expect(names).toEqual(
      new Set(['req_seconds_bucket', 'req_seconds_sum', 'req_seconds_count', 'events_total', 'lag_messages']),
    );
  });

  test('a labelled counter that was never incremented has no series, so it counts as missing', async () => {
    const text = await exposition();
    expect(
      namesMissingFromExpositions([text], ['req_seconds_count', 'events_total', 'never_incremented_total']),
    ).toEqual(['never_incremented_total']);
  });

  test('names are looked up across the outputs of several services', async () => {
    const other = 'other_total{service="fund"} 1\n';
    expect(namesMissingFromExpositions([await exposition(), other], ['other_total', 'lag_messages'])).toEqual(
      [],
    );
  });
});
