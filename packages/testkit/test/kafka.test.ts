import type { Consumer, EachMessagePayload, Producer } from 'kafkajs';
import { createTopics, testKafka, uniqueName, waitFor } from '../src';

// Runs against the broker the global setup provides (KAFKA_BROKERS).
describe('Kafka from the test kit', () => {
  const clients: (Producer | Consumer)[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });

  it('round-trips keyed messages with headers over a 3-partition topic', async () => {
    const topic = uniqueName('testkit-roundtrip');
    await createTopics([{ topic, numPartitions: 3 }]);
    const kafka = testKafka();
    const metadata = await (async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return await admin.fetchTopicMetadata({ topics: [topic] });
      } finally {
        await admin.disconnect();
      }
    })();
    expect(metadata.topics[0]?.partitions).toHaveLength(3);

    const producer = kafka.producer();
    clients.push(producer);
    await producer.connect();
    const sent = Array.from({ length: 12 }, (_, i) => ({
      key: `key-${i}`,
      value: JSON.stringify({ n: i }),
      headers: { 'ce-type': 'corridor.test.v1', 'trace-id': `trace-${i}` },
    }));
    await producer.send({ topic, messages: sent });

    const received: { partition: number; key: string; n: number; headers: Record<string, string> }[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('testkit-rt-group') });
    clients.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }: EachMessagePayload) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        received.push({
          partition,
          key: String(message.key),
          n: (JSON.parse(String(message.value)) as { n: number }).n,
          headers,
        });
      },
    });
    await waitFor(() => received.length >= sent.length, {
      timeoutMs: 30_000,
      description: 'all 12 messages consumed',
    });

    expect(received.map((r) => r.n).sort((a, b) => a - b)).toEqual(sent.map((_, i) => i));
    for (const r of received) {
      expect(r.key).toBe(`key-${r.n}`);
      expect(r.headers).toEqual({ 'ce-type': 'corridor.test.v1', 'trace-id': `trace-${r.n}` });
    }
    // Keyed messages spread over the partitions, and one key always lands on the same partition.
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it('resumes a consumer group from its committed offsets after a reconnect', async () => {
    const topic = uniqueName('testkit-offsets');
    const groupId = uniqueName('testkit-offsets-group');
    await createTopics([{ topic, numPartitions: 3 }]);
    const kafka = testKafka();
    const producer = kafka.producer();
    clients.push(producer);
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `first-${i}` })),
    });

    const consumeInto = async (sink: string[]) => {
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          sink.push(String(message.value));
        },
      });
      return consumer;
    };

    const firstRound: string[] = [];
    const first = await consumeInto(firstRound);
    await waitFor(() => firstRound.length >= 6, { timeoutMs: 30_000, description: 'first batch consumed' });
    // Disconnecting commits the offsets of everything processed so far.
    await first.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    const total = committed[0]?.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(total).toBe(6);

    await producer.send({
      topic,
      messages: Array.from({ length: 4 }, (_, i) => ({ key: `k${i}`, value: `second-${i}` })),
    });
    const secondRound: string[] = [];
    const second = await consumeInto(secondRound);
    clients.push(second);
    await waitFor(() => secondRound.length >= 4, { timeoutMs: 30_000, description: 'second batch consumed' });
    // Give a redelivery of the first batch a chance to show up before checking it did not.
    await waitFor(
      async () => {
        const a = kafka.admin();
        await a.connect();
        try {
          const offsets = await a.fetchOffsets({ groupId, topics: [topic] });
          return offsets[0]?.partitions.reduce((sum, p) => sum + Number(p.offset), 0) === 10;
        } finally {
          await a.disconnect();
        }
      },
      { timeoutMs: 30_000, description: 'offsets committed up to 10' },
    );
    expect(secondRound.sort()).toEqual(['second-0', 'second-1', 'second-2', 'second-3']);
  });
});
