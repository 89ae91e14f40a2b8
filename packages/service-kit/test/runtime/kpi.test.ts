import { registry } from '../../src/metrics';
import { kpiGauge } from '../../src/runtime/kpi';

describe('kpiGauge', () => {
  it('replaces its series with what collect() returns at each scrape', async () => {
    let rows = [
      { labels: { region: 'CN-BJ', status: 'published' }, value: 3 },
      { labels: { region: 'CN-TJ', status: 'published' }, value: 1 },
    ];
    kpiGauge({
      name: 'corridor_test_kpi_rows',
      help: 'test',
      labelNames: ['region', 'status'],
      collect: async () => rows,
    });
    expect(await registry.getSingleMetricAsString('corridor_test_kpi_rows')).toContain(
      'corridor_test_kpi_rows{region="CN-TJ",status="published"} 1',
    );
    rows = [{ labels: { region: 'CN-BJ', status: 'published' }, value: 4 }];
    const text = await registry.getSingleMetricAsString('corridor_test_kpi_rows');
    expect(text).toContain('corridor_test_kpi_rows{region="CN-BJ",status="published"} 4');
    expect(text).not.toContain('CN-TJ');
  });

  it('leaves the gauge empty instead of failing the scrape when the database is unreachable', async () => {
    kpiGauge({
      name: 'corridor_test_kpi_down',
      help: 'test',
      labelNames: ['region'],
      collect: async () => {
        throw new Error('MongoServerSelectionError');
      },
    });
    const text = await registry.metrics();
    expect(text).toContain('# TYPE corridor_test_kpi_down gauge');
    expect(text).not.toMatch(/^corridor_test_kpi_down\{/m);
  });
});
