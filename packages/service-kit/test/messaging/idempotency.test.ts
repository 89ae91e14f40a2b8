import { EventPublisher, runConsumer, type RunningKafkaConsumer } from '../../src/messaging';
import { catalogueStore, onTechnologyPublished, PUBLISHED, technologyPublished } from '../example/technologies';
import { createTopics, kafkaBrokers, openDb, uniqueName, waitFor, type TestDb } from './support';

describe('idempotent consumption (real broker and database)', () => {
  const brokers = kafkaBrokers();
  let t: TestDb;
  const running: RunningKafkaConsumer[] = [];

  beforeAll(async () => {
    t = await openDb();
  });
  afterAll(async () => {
    for (const c of running) await c.stop();
    await t.close();
  });

  const start = async (groupId: string, topic: string) => {
    const c = await runConsumer({
      brokers,
      groupId,
      topics: [topic],
      service: 'demand',
      dlqTopic: `${topic}.dlq`,
      db: t.db,
      handlers: { [PUBLISHED]: onTechnologyPublished(t.db) },
      lagIntervalMs: 0,
    });
    running.push(c);
    return c;
  };

  it('leaves the same state after duplicate deliveries and after a replay from offset 0', async () => {
    const topic = uniqueName('kit-idem');
    await createTopics(brokers, { name: topic, partitions: 3 }, { name: `${topic}.dlq` });
    const events = Array.from({ length: 10 }, (_, i) => technologyPublished(`tech-idem-${i}`));
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    await publisher.publish(events);
    await publisher.publish(events); // every event delivered twice
    await publisher.close();

    const invocations = t.db.collection('invocations');
    const catalogue = catalogueStore(t.db).collection;
    await start(uniqueName('idem-a'), topic);
    await waitFor(async () => (await invocations.countDocuments({})) === 20, { description: '20 deliveries' });
    const once = await catalogue.find({}).sort({ _id: 1 }).toArray();
    expect(once).toHaveLength(10);
    expect(once.every((e) => e.applied === 1 && e.version === 1)).toBe(true);

    // A new group replays the topic from offset 0 into the same database.
    await start(uniqueName('idem-b'), topic);
    await waitFor(async () => (await invocations.countDocuments({})) === 40, { description: '40 deliveries' });
    expect(await catalogue.find({}).sort({ _id: 1 }).toArray()).toEqual(once);
  });
});
