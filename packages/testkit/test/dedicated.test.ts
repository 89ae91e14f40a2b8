import { MongoClient } from 'mongodb';
import {
  createTopics,
  startDedicatedKafka,
  startDedicatedMongo,
  testKafka,
  uniqueName,
  waitFor,
} from '../src';
import type { KafkaHandle, MongoHandle } from '../src';

// Outage tests need private instances: stop() takes the server away, restart() brings it back
// on the same address with the same data.
describe('dedicated instances', () => {
  let mongo: MongoHandle | undefined;
  let kafka: KafkaHandle | undefined;
  afterAll(async () => {
    await Promise.all([mongo?.destroy(), kafka?.destroy()]);
  });

  it('restarts a database server on the same URL with its data', async () => {
    mongo = await startDedicatedMongo();
    const client = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 2_000, heartbeatFrequencyMS: 500 });
    await client.connect();
    await client
      .db('outage')
      .collection('items')
      .insertOne({ _id: 'kept' as never, n: 1 });
    await mongo.stop();
    await expect(client.db('outage').collection('items').findOne({})).rejects.toThrow();
    await mongo.restart();
    // The same client reconnects by itself once the server is back.
    const doc = await waitFor(
      () =>
        client
          .db('outage')
          .collection('items')
          .findOne({ _id: 'kept' as never }),
      {
        timeoutMs: 20_000,
        description: 'the document after restart',
      },
    );
    expect(doc.n).toBe(1);
    await client.close();
  });

  it('restarts a broker on the same address with its topics and messages', async () => {
    kafka = await startDedicatedKafka();
    const topic = uniqueName('dedicated');
    await createTopics([{ topic, numPartitions: 2 }], { brokers: kafka.brokers });
    const client = testKafka({ brokers: [kafka.brokers] });
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'a', value: 'before-outage' }] });
    await producer.disconnect();

    await kafka.stop();
    await kafka.restart();

    const admin = client.admin();
    await admin.connect();
    const offsets = await waitFor(() => admin.fetchTopicOffsets(topic), {
      timeoutMs: 30_000,
      description: 'topic offsets',
    });
    await admin.disconnect();
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1);
  });
});
