import { collectTopics, createTopics, headerOf, produceRecords, uniqueName, waitFor } from '../src';

// Runs against the broker the global setup provides (KAFKA_BROKERS).
describe('produceRecords / collectTopics', () => {
  it('reads what was produced to two topics from the beginning, mapped, with headers', async () => {
    const a = uniqueName('testkit-records-a');
    const b = uniqueName('testkit-records-b');
    await createTopics([a, b]);
    await produceRecords(a, [{ key: 'k1', value: '{"n":1}', headers: { ce_type: 'corridor.test.v1' } }]);
    await produceRecords(b, [{ key: 'k2', value: '{"n":2}', headers: { ce_type: 'corridor.other.v1' } }]);

    const reader = await collectTopics([a, b], (m, topic) => ({
      topic,
      key: m.key?.toString(),
      n: (JSON.parse(String(m.value)) as { n: number }).n,
      type: headerOf(m, 'ce_type'),
    }));
    try {
      await waitFor(() => reader.records.length === 2 || undefined, { description: 'both records' });
      expect([...reader.records].sort((x, y) => x.n - y.n)).toEqual([
        { topic: a, key: 'k1', n: 1, type: 'corridor.test.v1' },
        { topic: b, key: 'k2', n: 2, type: 'corridor.other.v1' },
      ]);
    } finally {
      await reader.stop();
    }
  });

  it('keeps raw messages without a map, and headerOf answers undefined for a missing header', async () => {
    const topic = uniqueName('testkit-records-raw');
    await createTopics([topic]);
    await produceRecords(topic, [{ key: 'k', value: 'v', headers: {} }]);
    const reader = await collectTopics(topic);
    try {
      const message = await waitFor(() => reader.records[0], { description: 'the raw record' });
      expect(message.value?.toString()).toBe('v');
      expect(headerOf(message, 'ce_type')).toBeUndefined();
    } finally {
      await reader.stop();
    }
  });
});
