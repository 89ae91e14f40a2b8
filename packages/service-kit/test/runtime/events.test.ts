import { randomUUID } from 'node:crypto';
import { createEvent, eventExamples, topicFor, type CorridorEvent } from '@corridor/contracts';
import { uniqueName, waitFor } from '@corridor/testkit';
import mongoose from 'mongoose';
import request from 'supertest';
import { z } from 'zod';
import { signToken } from '../../src/runtime/auth';
import { currentCorrelationId } from '../../src/runtime/context';
import { defineRoute } from '../../src/runtime/routes';
import { createService, type Service } from '../../src/runtime/service';
import { infra, TEST_SECRET, testConfig, testDatabaseUrl } from './support';

const PUBLISHED = 'corridor.supply.technology.published.v1';
const example = eventExamples[PUBLISHED] as Record<string, unknown>;

describe('createService wires the outbox relay and consumers', () => {
  const prefix = uniqueName('kitrt');
  const topic = `${prefix}.${topicFor(PUBLISHED)}`;
  const received: CorridorEvent[] = [];
  let service: Service;
  let mongoUrl: string;

  beforeAll(async () => {
    const { mongoServerUrl, brokers } = await infra();
    mongoUrl = testDatabaseUrl('kit-events', mongoServerUrl);
    service = createService({
      name: 'kit-events-test',
      service: 'supply',
      config: testConfig('kit-events-test', mongoUrl, brokers),
      collections: ['technologies'],
      topics: [
        { name: topic, partitions: 3 },
        { name: `${prefix}.dlq`, partitions: 1 },
      ],
      topicOf: (e) => `${prefix}.${topicFor(e.type)}`,
      routes(router, ctx) {
        router.add(
          defineRoute({
            method: 'post',
            path: '/technologies',
            summary: 'Publish',
            body: z.object({ region: z.string() }),
            roles: ['agency-writer'],
            handler: async ({ body, principal }) => {
              ctx.auth.assertRegionWrite(principal, body.region);
              const id = `tech-${randomUUID()}`;
              const event = createEvent(PUBLISHED, {
                source: '/corridor/supply',
                region: 'CN-BJ',
                correlationId: currentCorrelationId(),
                data: { ...example, technologyId: id } as never,
              });
              await ctx.store<{ status: string }>('technologies').insert({ _id: id, status: 'published' }, [event]);
              return { body: { id } };
            },
          }),
        );
      },
      consumers: [
        {
          groupId: `${prefix}-projection`,
          topics: [topic],
          dlqTopic: `${prefix}.dlq`,
          handlers: {
            [PUBLISHED]: async (event: CorridorEvent) => {
              received.push(event);
            },
          },
        },
      ],
    });
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('publishes what a request committed and delivers it to the consumer with the request correlation id', async () => {
    const auth = `Bearer ${await signToken({ secret: TEST_SECRET, sub: 'bj', region: 'CN-BJ', roles: ['agency-writer'] })}`;
    const res = await request(service.app)
      .post('/technologies')
      .set('Authorization', auth)
      .set('X-Correlation-Id', 'corr-flow-1')
      .send({ region: 'CN-BJ' });
    expect(res.status).toBe(201);
    const event = await waitFor(() => received.find((e) => e.subject === res.body.id), {
      description: 'the published event to be consumed',
      timeoutMs: 30_000,
    });
    expect(event.correlationId).toBe('corr-flow-1');
    expect(event.type).toBe(PUBLISHED);

    const metrics = await request(service.app).get('/metrics');
    expect(metrics.text).toMatch(new RegExp(`corridor_events_consumed_total\\{[^}]*consumer="${prefix}-projection"[^}]*outcome="processed"[^}]*\\} [1-9]`));
    expect(metrics.text).toMatch(/corridor_outbox_backlog_events\{[^}]*collection="technologies"[^}]*\} 0/);
  });

  it('flushes the outbox on stop: nothing committed stays unpublished', async () => {
    const ids = Array.from({ length: 5 }, () => `tech-${randomUUID()}`);
    for (const id of ids) {
      const event = createEvent(PUBLISHED, { source: '/corridor/supply', region: 'CN-BJ', data: { ...example, technologyId: id } as never });
      await service.ctx.store<{ status: string }>('technologies').insert({ _id: id, status: 'published' }, [event]);
    }
    await service.stop();
    expect(service.port).toBeUndefined();

    const conn = await mongoose.createConnection(mongoUrl).asPromise();
    try {
      const docs = await conn.db!.collection<{ _id: string; outbox: unknown[] }>('technologies').find({ _id: { $in: ids } }).toArray();
      expect(docs).toHaveLength(5);
      for (const d of docs) expect(d.outbox).toEqual([]);
      await conn.db!.dropDatabase();
    } finally {
      await conn.close();
    }
  });
});
