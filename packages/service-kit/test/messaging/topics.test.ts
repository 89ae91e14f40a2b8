import { uniqueName } from '@corridor/testkit';
import { createKafka } from '../../src/messaging/kafka/client';
import { ensureTopics } from '../../src/messaging/kafka/topics';
import { parseBrokers } from '../../src/messaging';
import { infra } from '../runtime/support';

describe('ensureTopics', () => {
  it('lets several processes create the same topics at once: every caller returns with leaders in place', async () => {
    const brokers = parseBrokers((await infra()).brokers);
    const topics = [uniqueName('kit-race-a'), uniqueName('kit-race-b')].map((name) => ({ name, partitions: 3 }));
    // Six concurrent starters, as when all services come up together on one broker.
    await Promise.all(Array.from({ length: 6 }, () => ensureTopics({ brokers }, topics, { replicationFactor: 1 })));

    const admin = createKafka({ brokers }).admin();
    await admin.connect();
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
      expect(meta.map((t) => [t.name, t.partitions.length, t.partitions.every((p) => p.leader >= 0)]).sort()).toEqual(
        topics.map((t) => [t.name, 3, true]).sort(),
      );
      await admin.deleteTopics({ topics: topics.map((t) => t.name) });
    } finally {
      await admin.disconnect();
    }
  });
});
