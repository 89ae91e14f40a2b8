import { Kafka, logLevel } from 'kafkajs';
import { runConsumer, type RunningKafkaConsumer } from '../../src/messaging';
import { catalogueStore, onTechnologyPublished, PUBLISHED, technologyStore } from '../example/technologies';
import { createTopics, kafkaBrokers, openDb, spawnExample, uniqueName, waitFor, type TestDb } from './support';

async function recordsIn(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('outbox crash safety (child process, real broker and database)', () => {
  const brokers = kafkaBrokers();
  let t: TestDb;
  let consumer: RunningKafkaConsumer | undefined;

  beforeAll(async () => {
    t = await openDb();
  });
  afterAll(async () => {
    await consumer?.stop();
    await t.close();
  });

  it('publishes events committed by a process killed before relaying, exactly once downstream', async () => {
    const topic = uniqueName('kit-crash');
    await createTopics(brokers, { name: topic, partitions: 3 }, { name: `${topic}.dlq` });
    const env = { DB_NAME: t.name, TOPIC: topic, ID_PREFIX: 'tech-crash', ROLE: 'producer' };

    const first = spawnExample({ ...env, COUNT: '5', HOLD_BEFORE_RELAY: '1' });
    await first.waitForLine('COMMITTED');
    first.child.kill('SIGKILL');
    await first.exited;

    // State committed, events still only in the documents, nothing on the broker.
    const pending = await technologyStore(t.db).collection.find({}).toArray();
    expect(pending).toHaveLength(5);
    expect(pending.every((d) => d.outbox.length === 1)).toBe(true);
    expect(await recordsIn(brokers, topic)).toBe(0);

    consumer = await runConsumer({
      brokers,
      groupId: uniqueName('crash-downstream'),
      topics: [topic],
      service: 'demand',
      dlqTopic: `${topic}.dlq`,
      db: t.db,
      handlers: { [PUBLISHED]: onTechnologyPublished(t.db) },
      lagIntervalMs: 0,
    });

    const second = spawnExample({ ...env, COUNT: '0' });
    await second.waitForLine('RELAYED');
    expect(await second.exited).toBe(0);

    const catalogue = catalogueStore(t.db);
    await waitFor(async () => (await catalogue.collection.countDocuments({})) === 5, { description: 'five projected technologies' });
    const entries = await catalogue.collection.find({}).toArray();
    expect(entries.map((e) => e.applied)).toEqual([1, 1, 1, 1, 1]);
    expect(await t.db.collection('invocations').countDocuments({})).toBe(5);
    expect(await recordsIn(brokers, topic)).toBe(5);
    expect(await technologyStore(t.db).collection.countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  });
});
