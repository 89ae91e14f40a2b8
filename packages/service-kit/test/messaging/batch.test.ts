import { AggregateStore, EventPublisher, runConsumer, type BatchEventHandler, type RunningKafkaConsumer } from '../../src/messaging';
import { onTechnologyPublished, POISON, PUBLISHED, technologyPublished } from '../example/technologies';
import { createTopics, kafkaBrokers, openDb, readTopics, uniqueName, waitFor, type TestDb } from './support';

interface Listed {
  title: string;
}

describe('bulk handlers (real broker and database)', () => {
  const brokers = kafkaBrokers();
  let t: TestDb;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await openDb();
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await t.close();
  });

  it('hands consecutive events over together, stays idempotent, and falls back per record on failure', async () => {
    const topic = uniqueName('kit-bulk');
    const dlq = `${topic}.dlq`;
    await createTopics(brokers, { name: topic }, { name: dlq });
    const events = Array.from({ length: 20 }, (_, i) => technologyPublished(`tech-bulk-${i}`));
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    cleanup.push(() => publisher.close());
    await publisher.publish([...events, ...events.slice(0, 5)]); // five delivered twice

    const listed = new AggregateStore<Listed>(t.db, 'listed');
    const bulkSizes: number[] = [];
    const bulk: BatchEventHandler = async (batch) => {
      bulkSizes.push(batch.length);
      if (batch.some((e) => (e.data as { title: string }).title.startsWith(POISON))) throw new Error('bulk refused');
      return listed.insertMany(batch.map((e) => ({ doc: { _id: e.subject, title: (e.data as { title: string }).title }, events: [], causationEventId: e.id })));
    };
    const consumer: RunningKafkaConsumer = await runConsumer({
      brokers,
      groupId: uniqueName('bulk'),
      topics: [topic],
      service: 'demand',
      dlqTopic: dlq,
      db: t.db,
      handlers: { [PUBLISHED]: onTechnologyPublished(t.db) },
      batchHandlers: { [PUBLISHED]: bulk },
      retry: { attempts: 2, baseMs: 10, maxMs: 20 },
      lagIntervalMs: 0,
    });
    cleanup.push(() => consumer.stop());
    const dead = await readTopics(brokers, [dlq]);
    cleanup.push(() => dead.stop());

    await waitFor(async () => (await listed.collection.countDocuments({})) === 20, { description: 'twenty listed' });
    expect(bulkSizes).toEqual([25]); // one fetch held all records: one bulk call, duplicates no-ops
    expect(await t.db.collection('invocations').countDocuments({})).toBe(0);

    // A bulk call that fails is retried record by record: the good ones pass, the poison is dead-lettered.
    const poison = technologyPublished('tech-bulk-poison', `${POISON} in bulk`);
    await publisher.publish([technologyPublished('tech-bulk-a'), poison, technologyPublished('tech-bulk-b')]);
    await waitFor(() => dead.records.length === 1, { description: 'the poison record dead-lettered' });
    expect(dead.records[0]!.headers.ce_id).toBe(poison.id);
    expect(bulkSizes).toEqual([25, 3]);
    const singles = await t.db.collection('invocations').find({}).toArray();
    expect(singles.map((i) => i.subject).sort()).toEqual(['tech-bulk-a', 'tech-bulk-b', 'tech-bulk-poison', 'tech-bulk-poison']);
  });
});
