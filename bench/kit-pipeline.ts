/**
 * consume → handle → store (with outbox) → relay → produce, against a real broker and database.
 * Runs the same pipeline twice in one process — per-record store writes, then bulk writes
 * (insertMany through a batch handler) — and prints events/s and end-to-end latency
 * percentiles (input acknowledged by the broker → output record received) as JSON, plus the
 * batched/unbatched ratios. Writes bench/results/<name>.json.
 *
 *   npm run bench                      # BENCH_EVENTS=1000 BENCH_NAME=kit-pipeline by default
 *   KAFKA_BROKERS=… MONGO_URL=… npm run bench   # reuse running servers
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEvent, eventCatalogue, type CorridorEvent } from '@corridor/contracts';
import { startKafka, startMongo, uniqueName, waitFor } from '@corridor/testkit';
import { Kafka, logLevel } from 'kafkajs';
import {
  AggregateStore,
  connectMongo,
  ensureTopics,
  EventPublisher,
  OutboxRelay,
  parseBrokers,
  runConsumer,
  type Db,
  type MessagingLogger,
} from '../packages/service-kit/src/messaging';

const PUBLISHED = 'corridor.supply.technology.published.v1' as const;
const EVENTS = Number(process.env.BENCH_EVENTS ?? '1000');
const NAME = process.env.BENCH_NAME ?? 'kit-pipeline';
const PARTITIONS = 3;
const quiet: MessagingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (o, m) => console.error(m, o) };

interface Listing {
  title: string;
  source: string;
}

const verbose: MessagingLogger = {
  debug: (o, m) => console.error('[relay]', new Date().toISOString(), m, JSON.stringify(o)),
  info: (o, m) => console.error('[relay]', m, JSON.stringify(o)),
  warn: (o, m) => console.error('[relay]', m, JSON.stringify(o)),
  error: (o, m) => console.error('[relay]', m, JSON.stringify(o)),
};

function input(i: number, run: string): CorridorEvent {
  return createEvent(PUBLISHED, {
    source: '/corridor/supply',
    region: 'CN-BJ',
    data: { ...eventCatalogue[PUBLISHED].example, technologyId: `${run}-${i}` },
  });
}

/** The event the pipeline emits for each input: same aggregate, caused by the input. */
function output(event: CorridorEvent): CorridorEvent {
  return createEvent(PUBLISHED, {
    source: '/corridor/demand',
    region: event.region,
    data: event.data,
    causationId: event.id,
    correlationId: event.correlationId,
  });
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runMode(mode: 'unbatched' | 'batched', brokers: string[], db: Db) {
  const run = uniqueName(`bench-${mode}`);
  const inTopic = `${run}.in`;
  const outTopic = `${run}.out`;
  await ensureTopics(brokers, [
    { name: inTopic, partitions: PARTITIONS },
    { name: outTopic, partitions: PARTITIONS },
    { name: `${run}.dlq`, partitions: 1 },
  ]);
  const store = new AggregateStore<Listing>(db, `listings_${mode}`);
  const outPublisher = new EventPublisher({ brokers, topicOf: () => outTopic, clientId: `${run}-relay` });
  const relay = new OutboxRelay({ stores: [store], publisher: outPublisher, batchSize: 100, logger: process.env.BENCH_VERBOSE ? verbose : quiet });
  relay.start();

  const docOf = (e: CorridorEvent) => ({ _id: e.subject, title: (e.data as { title: string }).title, source: e.source });
  const consumer = await runConsumer({
    brokers,
    groupId: `${run}-pipeline`,
    topics: [inTopic],
    service: 'demand',
    dlqTopic: `${run}.dlq`,
    db,
    handlers: { [PUBLISHED]: (e) => store.insert(docOf(e), [output(e)], { causationEventId: e.id }) },
    ...(mode === 'batched'
      ? { batchHandlers: { [PUBLISHED]: (es: CorridorEvent[]) => store.insertMany(es.map((e) => ({ doc: docOf(e), events: [output(e)], causationEventId: e.id }))) } }
      : {}),
    lagIntervalMs: 0,
    logger: quiet,
  });

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastReceived = 0;
  const tail = new Kafka({ brokers, clientId: `${run}-tail`, logLevel: logLevel.NOTHING }).consumer({ groupId: `${run}-tail` });
  const tailJoined = new Promise((resolve) => tail.on(tail.events.GROUP_JOIN, resolve));
  await tail.connect();
  await tail.subscribe({ topics: [outTopic], fromBeginning: true });
  await tail.run({
    eachMessage: async ({ message }) => {
      const cause = message.headers?.ce_causationid?.toString();
      const sent = cause ? sentAt.get(cause) : undefined;
      if (sent === undefined) return;
      lastReceived = performance.now();
      latencies.push(lastReceived - sent);
      sentAt.delete(cause!);
    },
  });
  await Promise.all([consumer.joined, tailJoined]);
  progress(`${mode}: pipeline ready, sending ${EVENTS} events`);

  const inPublisher = new EventPublisher({ brokers, topicOf: () => inTopic, clientId: `${run}-source` });
  await inPublisher.connect();
  const events = Array.from({ length: EVENTS }, (_, i) => input(i, run));
  const started = performance.now();
  // Steady chunks, as an upstream service's relay would send them.
  for (let i = 0; i < events.length; i += 100) {
    const chunk = events.slice(i, i + 100);
    await inPublisher.publish(chunk);
    const now = performance.now();
    for (const e of chunk) sentAt.set(e.id, now);
  }
  await waitFor(() => latencies.length >= EVENTS, { timeoutMs: 600_000, intervalMs: 50, description: `${EVENTS} outputs (${mode})` });
  const seconds = (lastReceived - started) / 1000;
  progress(`${mode}: done in ${seconds.toFixed(1)} s`);

  await tail.disconnect();
  progress(`${mode}: tail stopped`);
  await consumer.stop();
  progress(`${mode}: pipeline consumer stopped`);
  await relay.stop();
  await Promise.all([inPublisher.close(), outPublisher.close()]);
  progress(`${mode}: relay and producers stopped`);

  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    events: EVENTS,
    seconds: round(seconds),
    eventsPerSec: Math.round(EVENTS / seconds),
    latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1]!) },
  };
}

async function main(): Promise<void> {
  const kafka = await startKafka();
  const mongo = await startMongo();
  progress(`kafka ${kafka.source} ${kafka.brokers}, mongo ${mongo.source}/${mongo.engine}`);
  const brokers = parseBrokers(kafka.brokers);
  const conn = await connectMongo(mongo.url, { logger: quiet });
  const dbName = uniqueName('bench');
  const db = conn.useDb(dbName).db!;
  try {
    const modes = (process.env.BENCH_MODES ?? 'unbatched,batched').split(',');
    const unbatched = modes.includes('unbatched') ? await runMode('unbatched', brokers, db) : undefined;
    const batched = modes.includes('batched') ? await runMode('batched', brokers, db) : undefined;
    const result = {
      name: NAME,
      at: new Date().toISOString(),
      pipeline: 'kafka consume → handler → AggregateStore write with outbox → OutboxRelay → kafka produce (acks=all, idempotent)',
      infra: { kafka: kafka.source, mongo: `${mongo.source}/${mongo.engine}`, partitions: PARTITIONS, node: process.version },
      unbatched,
      batched,
      ratio:
        batched && unbatched
          ? {
              throughput: Math.round((batched.eventsPerSec / unbatched.eventsPerSec) * 100) / 100,
              p50: Math.round((batched.latencyMs.p50 / unbatched.latencyMs.p50) * 100) / 100,
              p99: Math.round((batched.latencyMs.p99 / unbatched.latencyMs.p99) * 100) / 100,
            }
          : undefined,
    };
    const json = JSON.stringify(result, null, 2);
    process.stdout.write(`${json}\n`);
    const dir = path.join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${NAME}.json`), `${json}\n`);
  } finally {
    await conn.useDb(dbName).dropDatabase().catch(() => undefined);
    await conn.close();
    await kafka.stop();
    await mongo.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
