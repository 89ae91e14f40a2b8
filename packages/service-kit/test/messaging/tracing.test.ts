import { context, propagation, trace, SpanKind } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { EventPublisher, OutboxRelay, runConsumer, type RunningKafkaConsumer } from '../../src/messaging';
import { onTechnologyPublished, publishTechnology, PUBLISHED, technologyStore } from '../example/technologies';
import { createTopics, kafkaBrokers, openDb, uniqueName, waitFor, type TestDb } from './support';

describe('trace context through the outbox and Kafka', () => {
  const brokers = kafkaBrokers();
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let t: TestDb;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    // NodeTracerProvider.register installs the AsyncLocalStorage context manager; the propagator is explicit.
    provider.register({ propagator: new W3CTraceContextPropagator() });
    t = await openDb();
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await t.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('makes the consumer span a child of the publish span, linked to it, in the request trace', async () => {
    const topic = uniqueName('kit-trace');
    await createTopics(brokers, { name: topic }, { name: `${topic}.dlq` });
    const store = technologyStore(t.db);
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    const relay = new OutboxRelay({ stores: [store], publisher, pollIntervalMs: 200 });
    relay.start();
    cleanup.push(async () => {
      await relay.stop();
      await publisher.close();
    });
    let handlerTraceId: string | undefined;
    const handler = onTechnologyPublished(t.db);
    const consumer: RunningKafkaConsumer = await runConsumer({
      brokers,
      groupId: uniqueName('trace'),
      topics: [topic],
      service: 'demand',
      dlqTopic: `${topic}.dlq`,
      db: t.db,
      handlers: {
        [PUBLISHED]: async (event, ctx) => {
          handlerTraceId = trace.getActiveSpan()?.spanContext().traceId;
          return handler(event, ctx);
        },
      },
      lagIntervalMs: 0,
    });
    cleanup.push(() => consumer.stop());

    // The "HTTP request": the state change is written inside it; the relay publishes later, outside it.
    const tracer = trace.getTracer('test');
    const request = tracer.startSpan('POST /technologies', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), request), () => publishTechnology(store, 'tech-traced'));
    request.end();

    const spans = await waitFor(
      () => {
        const all = exporter.getFinishedSpans();
        return all.some((s) => s.name === `process ${topic}`) ? all : undefined;
      },
      { description: 'the consumer process span' },
    );
    const byName = (name: string): ReadableSpan => spans.find((s) => s.name === name)!;
    const requestSpan = byName('POST /technologies');
    const publish = byName(`publish ${topic}`);
    const processSpan = byName(`process ${topic}`);
    const traceId = requestSpan.spanContext().traceId;

    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.spanContext().traceId).toBe(traceId);
    expect(publish.parentSpanContext?.spanId).toBe(requestSpan.spanContext().spanId);
    expect(processSpan.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan.spanContext().traceId).toBe(traceId);
    expect(processSpan.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    expect(processSpan.links.map((l) => l.context.spanId)).toEqual([publish.spanContext().spanId]);
    expect(processSpan.attributes['messaging.consumer.group.name']).toEqual(expect.stringContaining('trace-'));
    expect(handlerTraceId).toBe(traceId);
  });
});
