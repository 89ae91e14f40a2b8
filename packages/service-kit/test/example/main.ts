/**
 * Child-process entry of the example service. ROLE=producer writes COUNT technologies through the
 * outbox (HOLD_BEFORE_RELAY=1: commit, report, then hang without relaying — the crash test kills
 * it there); ROLE=consumer runs the catalogue projection until SIGTERM.
 */
import { connectMongo, EventPublisher, OutboxRelay, parseBrokers, runConsumer } from '../../src/messaging';
import { onTechnologyPublished, publishTechnology, PUBLISHED, technologyStore } from './technologies';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

async function main(): Promise<void> {
  const conn = await connectMongo(env('MONGO_URL'), { serverSelectionTimeoutMS: 3000 });
  const db = conn.useDb(env('DB_NAME')).db!;
  const brokers = parseBrokers(env('KAFKA_BROKERS'));
  const topic = env('TOPIC');

  if (env('ROLE') === 'producer') {
    const store = technologyStore(db);
    const publisher = new EventPublisher({ brokers, clientId: 'example-producer', topicOf: () => topic });
    const count = Number(process.env.COUNT ?? '0');
    for (let i = 0; i < count; i++) await publishTechnology(store, `${env('ID_PREFIX')}-${i}`);
    process.stdout.write('COMMITTED\n');
    if (process.env.HOLD_BEFORE_RELAY === '1') {
      await new Promise(() => undefined); // the test SIGKILLs us here
    }
    const relay = new OutboxRelay({ stores: [store], publisher, pollIntervalMs: 200 });
    relay.start();
    const drained = await relay.flush(20_000);
    await relay.stop();
    await publisher.close();
    await conn.close();
    process.stdout.write(drained ? 'RELAYED\n' : 'NOT-DRAINED\n');
    return;
  }

  const consumer = await runConsumer({
    brokers,
    groupId: env('GROUP_ID'),
    topics: [topic],
    service: 'demand',
    dlqTopic: `${topic}.dlq`,
    db,
    handlers: { [PUBLISHED]: onTechnologyPublished(db, { delayMs: Number(process.env.HANDLER_DELAY_MS ?? '0') }) },
    retry: { attempts: 2, baseMs: 50, maxMs: 200 },
    lagIntervalMs: 0,
  });
  await consumer.joined;
  process.stdout.write('JOINED\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await conn.close();
      process.stdout.write('STOPPED\n');
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
