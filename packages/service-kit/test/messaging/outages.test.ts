import { startDedicatedKafka, startDedicatedMongo, type KafkaHandle, type MongoHandle } from '@corridor/testkit';
import { connectMongo, EventPublisher, OutboxRelay, parseBrokers, runConsumer, type RunningKafkaConsumer } from '../../src/messaging';
import { catalogueStore, onTechnologyPublished, publishTechnology, PUBLISHED, technologyPublished, technologyStore } from '../example/technologies';
import { captureLogger, createTopics, kafkaBrokers, openDb, readTopics, uniqueName, waitFor } from './support';

describe('outages of the database and the broker (dedicated instances)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('pauses while the database is down, then resumes without losing or duplicating anything', async () => {
    const brokers = kafkaBrokers();
    const mongo: MongoHandle = await startDedicatedMongo();
    cleanup.push(() => mongo.destroy());
    const conn = await connectMongo(mongo.url, { serverSelectionTimeoutMS: 1000 });
    cleanup.push(() => conn.close());
    const db = conn.useDb(uniqueName('outage')).db!;
    const topic = uniqueName('kit-dbdown');
    await createTopics(brokers, { name: topic }, { name: `${topic}.dlq` });
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    cleanup.push(() => publisher.close());
    const log = captureLogger();
    const consumer: RunningKafkaConsumer = await runConsumer({
      brokers,
      groupId: uniqueName('dbdown'),
      topics: [topic],
      service: 'demand',
      dlqTopic: `${topic}.dlq`,
      db,
      handlers: { [PUBLISHED]: onTechnologyPublished(db) },
      retry: { attempts: 2, baseMs: 20, maxMs: 50 },
      outageProbeMs: 1000,
      lagIntervalMs: 0,
      logger: log.logger,
    });
    cleanup.push(() => consumer.stop());
    const dead = await readTopics(brokers, [`${topic}.dlq`]);
    cleanup.push(() => dead.stop());

    const catalogue = catalogueStore(db);
    await publisher.publish(Array.from({ length: 3 }, (_, i) => technologyPublished(`tech-before-${i}`)));
    await waitFor(async () => (await catalogue.collection.countDocuments({})) === 3, { description: 'first events projected' });

    await mongo.stop();
    await publisher.publish(Array.from({ length: 10 }, (_, i) => technologyPublished(`tech-during-${i}`)));
    await waitFor(() => log.count('dependency unreachable; partition paused') >= 1, { description: 'the consumer to pause' });
    // ~10 s of outage, measured in failed health probes rather than a sleep
    await waitFor(() => log.count('dependency still unreachable') >= 8, { timeoutMs: 30_000, description: 'eight failed probes' });

    await mongo.restart();
    await waitFor(async () => (await catalogue.collection.countDocuments({})) === 13, { timeoutMs: 30_000, description: 'all events projected' });
    expect(log.count('dependency reachable again; partition resumed')).toBeGreaterThanOrEqual(1);
    const entries = await catalogue.collection.find({}).toArray();
    expect(entries.every((e) => e.applied === 1)).toBe(true);
    expect(dead.records).toHaveLength(0);
  });

  it('keeps events in the outbox while the broker is down and delivers them when it is back', async () => {
    const kafka: KafkaHandle = await startDedicatedKafka();
    cleanup.push(() => kafka.destroy());
    const brokers = parseBrokers(kafka.brokers);
    const t = await openDb();
    cleanup.push(() => t.close());
    const topic = uniqueName('kit-brokerdown');
    await createTopics(brokers, { name: topic, partitions: 3 }, { name: `${topic}.dlq` });

    const store = technologyStore(t.db);
    const publisher = new EventPublisher({ brokers, topicOf: () => topic, connectionTimeoutMs: 1000 });
    const log = captureLogger();
    const relay = new OutboxRelay({ stores: [store], publisher, pollIntervalMs: 200, backoff: { baseMs: 100, maxMs: 1000 }, logger: log.logger });
    relay.start();
    cleanup.push(async () => {
      await relay.stop();
      await publisher.close();
    });
    const pending = () => store.collection.countDocuments({ 'outbox.0': { $exists: true } });

    for (let i = 0; i < 3; i++) await publishTechnology(store, `tech-up-${i}`);
    await waitFor(async () => (await pending()) === 0, { description: 'first events relayed' });

    await kafka.stop();
    for (let i = 0; i < 5; i++) await publishTechnology(store, `tech-down-${i}`);
    await waitFor(() => log.count('outbox relay round failed; events stay in the outbox') >= 3, { timeoutMs: 40_000, description: 'failed relay rounds' });
    expect(await pending()).toBe(5);

    await kafka.restart();
    await waitFor(async () => (await pending()) === 0, { timeoutMs: 40_000, description: 'outbox drained after the broker returned' });

    const consumer = await runConsumer({
      brokers,
      groupId: uniqueName('brokerdown'),
      topics: [topic],
      service: 'demand',
      dlqTopic: `${topic}.dlq`,
      db: t.db,
      handlers: { [PUBLISHED]: onTechnologyPublished(t.db) },
      lagIntervalMs: 0,
    });
    cleanup.push(() => consumer.stop());
    const catalogue = catalogueStore(t.db);
    await waitFor(async () => (await catalogue.collection.countDocuments({})) === 8, { timeoutMs: 30_000, description: 'all eight projected' });
    expect((await catalogue.collection.find({}).toArray()).every((e) => e.applied === 1)).toBe(true);
  });
});
