import { EventPublisher } from '../../src/messaging';
import { catalogueStore, technologyPublished } from '../example/technologies';
import { createTopics, kafkaBrokers, openDb, spawnExample, uniqueName, waitFor, type TestDb } from './support';

describe('SIGTERM in the middle of a batch', () => {
  const brokers = kafkaBrokers();
  let t: TestDb;

  beforeAll(async () => {
    t = await openDb();
  });
  afterAll(() => t.close());

  it('finishes and commits the batch, so nothing is processed again after a restart', async () => {
    const topic = uniqueName('kit-sigterm');
    await createTopics(brokers, { name: topic }, { name: `${topic}.dlq` });
    const events = Array.from({ length: 8 }, (_, i) => technologyPublished(`tech-term-${i}`));
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    await publisher.publish(events);
    await publisher.close();

    const env = { DB_NAME: t.name, TOPIC: topic, ROLE: 'consumer', GROUP_ID: uniqueName('sigterm') };
    const invocations = t.db.collection('invocations');
    const first = spawnExample({ ...env, HANDLER_DELAY_MS: '250' });
    await waitFor(async () => (await invocations.countDocuments({})) >= 2, { description: 'the batch under way' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output).toContain('STOPPED');
    const handledBeforeStop = await invocations.countDocuments({});
    // The batch in hand was finished (all 8 arrived in one fetch), not cut at the signal.
    expect(handledBeforeStop).toBe(8);

    const second = spawnExample(env);
    await second.waitForLine('JOINED');
    await publisherOf(topic).then((p) => p.publish([technologyPublished('tech-term-after')]).finally(() => p.close()));
    await waitFor(async () => (await catalogueStore(t.db).get('tech-term-after')) !== undefined, { description: 'the restarted consumer working' });
    second.child.kill('SIGTERM');
    await second.exited;

    const perEvent = await invocations.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$eventId', n: { $sum: 1 } } }]).toArray();
    expect(perEvent).toHaveLength(9);
    expect(perEvent.every((e) => e.n === 1)).toBe(true);
  });
});

async function publisherOf(topic: string): Promise<EventPublisher> {
  const p = new EventPublisher({ brokers: kafkaBrokers(), topicOf: () => topic });
  await p.connect();
  return p;
}
