import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import request from 'supertest';
import { z } from 'zod';
import { signToken, type Role } from '../../src/runtime/auth';
import { paginate, pageQuerySchema } from '../../src/runtime/pagination';
import { defineRoute } from '../../src/runtime/routes';
import { createService, type Service } from '../../src/runtime/service';
import { infra, TEST_SECRET, testConfig, testDatabaseUrl } from './support';

const widgetBody = z.object({ name: z.string().min(1), color: z.enum(['red', 'blue']), region: z.string() });
interface Widget {
  name: string;
  color: string;
  region: string;
}

const KIT_METRICS = [
  'corridor_http_request_duration_seconds',
  'corridor_events_produced_total',
  'corridor_events_consumed_total',
  'corridor_events_failed_total',
  'corridor_event_handler_duration_seconds',
  'corridor_consumer_lag_messages',
  'corridor_outbox_backlog_events',
  'corridor_outbox_oldest_age_seconds',
  'corridor_dlq_events_total',
];

const bearer = async (sub: string, region: string, roles: Role[]) =>
  `Bearer ${await signToken({ secret: TEST_SECRET, sub, region, roles })}`;

describe('createService against the real MongoDB and Kafka', () => {
  let service: Service;

  beforeAll(async () => {
    const { mongoServerUrl, brokers } = await infra();
    const config = testConfig('kit-runtime-test', testDatabaseUrl('kit-runtime', mongoServerUrl), brokers);
    service = createService({
      name: 'kit-runtime-test',
      config,
      collections: ['widgets'],
      routes(router, ctx) {
        router.add(
          defineRoute({
            method: 'post',
            path: '/widgets',
            summary: 'Create a widget',
            body: widgetBody,
            roles: ['agency-writer'],
            handler: async ({ body, principal }) => {
              ctx.auth.assertRegionWrite(principal, body.region);
              const id = `w-${randomUUID()}`;
              await ctx.store<Widget>('widgets').insert({ _id: id, ...body }, []);
              return { status: 201, body: { id, ...body } };
            },
          }),
          defineRoute({
            method: 'get',
            path: '/widgets',
            summary: 'List widgets',
            query: pageQuerySchema.extend({ color: z.enum(['red', 'blue']).optional() }),
            handler: async ({ query }) => {
              const filter = query.color ? { color: query.color } : {};
              const page = await paginate(ctx.db.collection('widgets'), filter, query, {
                projection: { outbox: 0, processedEventIds: 0 },
              });
              return { body: page };
            },
          }),
        );
      },
      kpis: (ctx) => [
        {
          name: 'corridor_test_widgets',
          help: 'Widgets by colour, counted in MongoDB at scrape time',
          labelNames: ['color'],
          collect: async () => {
            const rows = await ctx.db
              .collection('widgets')
              .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$color', n: { $sum: 1 } } }])
              .toArray();
            return rows.map((r) => ({ labels: { color: r._id }, value: r.n }));
          },
        },
      ],
    });
    await service.start();
  });

  afterAll(async () => {
    await service?.ctx.db.dropDatabase().catch(() => undefined);
    await service?.stop();
  });

  it('is ready when MongoDB and Kafka both answer', async () => {
    const res = await request(service.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      checks: { mongodb: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('replays the first response for a repeated Idempotency-Key and creates nothing new', async () => {
    const auth = await bearer('agency-bj', 'CN-BJ', ['agency-writer']);
    const key = randomUUID();
    const body = { name: 'idem', color: 'red', region: 'CN-BJ' };
    const first = await request(service.app)
      .post('/widgets')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    const again = await request(service.app)
      .post('/widgets')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(await service.ctx.db.collection('widgets').countDocuments({ name: 'idem' })).toBe(1);

    const reused = await request(service.app)
      .post('/widgets')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send({ ...body, color: 'blue' });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body.errors[0].field).toBe('Idempotency-Key');
    expect(await service.ctx.db.collection('widgets').countDocuments({ name: 'idem' })).toBe(1);

    // The key belongs to its principal: another agency using the same key string gets its own widget.
    const other = await bearer('agency-bj-2', 'CN-BJ', ['agency-writer']);
    const theirs = await request(service.app)
      .post('/widgets')
      .set('Authorization', other)
      .set('Idempotency-Key', key)
      .send(body);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('does not store refused requests under the key', async () => {
    const auth = await bearer('agency-sh', 'CN-SH', ['agency-writer']);
    const key = randomUUID();
    const bad = await request(service.app)
      .post('/widgets')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send({ name: '' });
    expect(bad.status).toBe(400);
    const good = { name: 'after-fix', color: 'blue', region: 'CN-SH' };
    const fixed = await request(service.app)
      .post('/widgets')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send(good);
    expect(fixed.status).toBe(201);
  });

  it('pages with a stable cursor while documents are being inserted', async () => {
    const widgets = service.ctx.db.collection<{ _id: string; color: string }>('widgets');
    const seeded = Array.from({ length: 25 }, (_, i) => `p-${String((i + 1) * 10).padStart(4, '0')}`);
    await widgets.insertMany(seeded.map((_id) => ({ _id, name: _id, color: 'blue', region: 'CN-BJ' })));
    const auth = await bearer('reader', 'CN-BJ', ['agency-reader']);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await request(service.app)
        .get('/widgets')
        .query({ color: 'blue', limit: 7, ...(cursor ? { cursor } : {}) })
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      seen.push(...(res.body.items as { _id: string }[]).map((w) => w._id));
      expect(res.body.items[0]).not.toHaveProperty('outbox');
      cursor = res.body.nextCursor;
      // Concurrent writers: one id sorts before the pages already read, one after.
      pages += 1;
      await widgets.insertMany([
        { _id: `p-${String(pages * 10 + 5).padStart(4, '0')}`, color: 'blue' },
        { _id: `q-${pages}`, color: 'blue' },
      ]);
    } while (cursor && pages < 20);

    const pSeen = seen.filter((id) => id.startsWith('p-') && seeded.includes(id));
    expect(pSeen).toEqual(seeded); // every seeded id once, in order
    expect(new Set(seen).size).toBe(seen.length); // no duplicates
    expect([...seen].sort()).toEqual(seen); // _id order throughout

    const bogus = await request(service.app)
      .get('/widgets')
      .query({ cursor: 'not-a-cursor' })
      .set('Authorization', auth);
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors[0].field).toBe('cursor');
    const capped = await request(service.app)
      .get('/widgets')
      .query({ limit: 100000 })
      .set('Authorization', auth);
    expect(capped.body.items.length).toBeLessThanOrEqual(100);
  });

  it('exposes the kit metric set with route templates, and KPI gauges computed from MongoDB', async () => {
    const auth = await bearer('reader', 'CN-BJ', ['agency-reader']);
    await request(service.app).get('/widgets').set('Authorization', auth);
    const res = await request(service.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of KIT_METRICS) expect(res.text).toContain(`# TYPE ${name} `);
    expect(res.text).toMatch(
      /corridor_http_request_duration_seconds_count\{[^}]*route="\/widgets"[^}]*\} \d+/,
    );
    expect(res.text).toContain('service="kit-runtime-test"');
    expect(res.text).toMatch(/nodejs_heap_size_total_bytes/);
    const blue = await service.ctx.db.collection('widgets').countDocuments({ color: 'blue' });
    expect(res.text).toMatch(new RegExp(`corridor_test_widgets\\{[^}]*color="blue"[^}]*\\} ${blue}\\b`));
    expect(res.text).not.toMatch(/route="\/widgets\/[^"]+"/);
  });

  const promtool = '/usr/bin/promtool';
  (existsSync(promtool) ? it : it.skip)(
    `passes promtool check metrics${existsSync(promtool) ? '' : ' (SKIPPED: /usr/bin/promtool absent)'}`,
    async () => {
      const res = await request(service.app).get('/metrics');
      const check = spawnSync(promtool, ['check', 'metrics'], { input: res.text, encoding: 'utf8' });
      expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
      expect(check.status).toBe(0);
    },
  );

  it('lists the routes in /openapi.json', async () => {
    const res = await request(service.app).get('/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(['/widgets']);
    expect(res.body.paths['/widgets'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
  });
});
