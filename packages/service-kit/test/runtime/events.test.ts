import { randomUUID } from 'node:crypto';
import { createEvent, dlqTopic, eventExamples, topicFor, type CorridorEvent } from '@corridor/contracts';
import { uniqueName, waitFor } from '@corridor/testkit';
import mongoose from 'mongoose';
import request from 'supertest';
import { z } from 'zod';
import { signToken } from '../../src/runtime/auth';
import type { HandlerContext } from '../../src/messaging/kafka/consumer';
import { currentCorrelationId } from '../../src/runtime/context';
import { eventFactory } from '../../src/runtime/events';
import { defineRoute } from '../../src/runtime/routes';
import { createService, topicsFor, type Service } from '../../src/runtime/service';
import { infra, TEST_SECRET, testConfig, testDatabaseUrl } from './support';

const PUBLISHED = 'corridor.supply.technology.published.v1';
const example = eventExamples[PUBLISHED] as Record<string, unknown>;
const newEvent = eventFactory('supply');

describe('createService wires the outbox relay and consumers', () => {
  const prefix = uniqueName('kitrt');
  const topic = `${prefix}.${topicFor(PUBLISHED)}`;
  const received: CorridorEvent[] = [];
  const topicsSeen = new Set<string>();
  const handlerCorrelation = new Map<string, string | undefined>();
  const followUps = new Map<string, CorridorEvent>();
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
      topicPrefix: prefix,
      topics: [
        { name: topicFor(PUBLISHED), partitions: 3 },
        { name: dlqTopic('supply'), partitions: 1 },
      ],
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
              const event = newEvent(PUBLISHED, { region: 'CN-BJ', data: { ...example, technologyId: id } });
              await ctx
                .store<{ status: string }>('technologies')
                .insert({ _id: id, status: 'published' }, [event]);
              return { body: { id } };
            },
          }),
        );
      },
      consumers: [
        {
          groupId: 'projection', // the kit prefixes group ids like topics
          topics: [topicFor(PUBLISHED)],
          handlers: {
            [PUBLISHED]: async (event: CorridorEvent, handlerCtx: HandlerContext) => {
              received.push(event);
              topicsSeen.add(handlerCtx.topic);
              handlerCorrelation.set(event.id, currentCorrelationId());
              followUps.set(
                event.id,
                newEvent(PUBLISHED, { region: 'CN-TJ', data: { ...example, technologyId: 'follow-up' } }),
              );
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
    expect(event.causationId).toBeUndefined(); // an HTTP request starts no causation chain
    expect(handlerCorrelation.get(event.id)).toBe('corr-flow-1'); // the handler runs in the event's scope
    // What a handler creates continues the consumed event's correlation and names it as the cause.
    expect(followUps.get(event.id)).toMatchObject({
      correlationId: 'corr-flow-1',
      causationId: event.id,
      source: '/corridor/supply',
    });
    expect(event.type).toBe(PUBLISHED);

    const metrics = await request(service.app).get('/metrics');
    expect(metrics.text).toMatch(
      new RegExp(
        `corridor_events_consumed_total\\{[^}]*consumer="${prefix}.projection"[^}]*outcome="processed"[^}]*\\} [1-9]`,
      ),
    );
    // The relay measures the backlog on each round; the round after the publish finds it empty.
    await waitFor(
      async () =>
        /corridor_outbox_backlog_events\{[^}]*collection="technologies"[^}]*\} 0/.test(
          (await request(service.app).get('/metrics')).text,
        ) || undefined,
      { description: 'the outbox backlog gauge to read 0' },
    );
  });

  it("applies the topic prefix to what it produces and consumes; topicsFor lists a service's catalogue topics", async () => {
    expect([...topicsSeen]).toEqual([topic]);
    expect(topicsFor('supply').map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'corridor.supply.technology.v1',
        'corridor.demand.contract.v1',
        'corridor.supply.ingest.v1',
        'corridor.supply.dlq.v1',
      ]),
    );
    expect(topicsFor('supply').map((t) => t.name)).not.toContain('corridor.fund.loan.v1');
  });

  it('flushes the outbox on stop: nothing committed stays unpublished', async () => {
    const ids = Array.from({ length: 5 }, () => `tech-${randomUUID()}`);
    for (const id of ids) {
      const event = createEvent(PUBLISHED, {
        source: '/corridor/supply',
        region: 'CN-BJ',
        data: { ...example, technologyId: id } as never,
      });
      await service.ctx
        .store<{ status: string }>('technologies')
        .insert({ _id: id, status: 'published' }, [event]);
    }
    await service.stop();
    expect(service.port).toBeUndefined();

    const conn = await mongoose.createConnection(mongoUrl).asPromise();
    try {
      const docs = await conn
        .db!.collection<{ _id: string; outbox: unknown[] }>('technologies')
        .find({ _id: { $in: ids } })
        .toArray();
      expect(docs).toHaveLength(5);
      for (const d of docs) expect(d.outbox).toEqual([]);
      await conn.db!.dropDatabase();
    } finally {
      await conn.close();
    }
  });
});
