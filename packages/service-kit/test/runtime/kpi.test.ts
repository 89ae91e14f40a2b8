import { registry } from '../../src/metrics';
import mongoose from 'mongoose';
import { kpiGauge, sumBy, sumsBy } from '../../src/runtime/kpi';
import { infra, testDatabaseUrl } from './support';

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

describe('sumBy / sumsBy on the real database', () => {
  let conn: mongoose.Connection;

  beforeAll(async () => {
    const { mongoServerUrl } = await infra();
    conn = await mongoose.createConnection(testDatabaseUrl('kit-kpi', mongoServerUrl)).asPromise();
    await conn.db!.collection('contracts').insertMany([
      { seller: { region: 'CN-BJ' }, status: 'signed', valueFen: 100 },
      { seller: { region: 'CN-BJ' }, status: 'signed', valueFen: 250 },
      { seller: { region: 'CN-BJ' }, status: 'draft', valueFen: 7 },
      { seller: { region: 'CN-TJ' }, status: 'signed', valueFen: 40 },
    ]);
  });

  afterAll(async () => {
    await conn.db!.dropDatabase();
    await conn.close();
  });

  it('computes every figure of a group, not only the first (FerretDB v1 would zero a second accumulator)', async () => {
    const rows = await sumsBy(
      conn.db!.collection('contracts'),
      { status: 'signed' },
      { region: '$seller.region' },
      {
        count: 1,
        valueFen: '$valueFen',
      },
    );
    expect(rows).toEqual([
      { region: 'CN-BJ', count: 2, valueFen: 350 },
      { region: 'CN-TJ', count: 1, valueFen: 40 },
    ]);
  });

  it('sumBy counts per group key', async () => {
    const rows = await sumBy(conn.db!.collection('contracts'), {}, { status: '$status' });
    expect(rows.sort((a, b) => String(a.key.status).localeCompare(String(b.key.status)))).toEqual([
      { key: { status: 'draft' }, value: 1 },
      { key: { status: 'signed' }, value: 3 },
    ]);
  });
});
