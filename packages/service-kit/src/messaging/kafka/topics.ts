import { createKafka, type KafkaSettings } from './client';

/** The parts of a contracts TopicSpec that creating a topic needs. */
export interface TopicSpecLike {
  name: string;
  partitions: number;
  config?: Record<string, string | number>;
}

/**
 * Creates the topics that do not exist yet (existing ones are left alone: partition counts and
 * configs are changed deliberately, not at start-up). Replication factor follows the broker
 * default unless given.
 */
export async function ensureTopics(
  settings: KafkaSettings | string[],
  topics: readonly TopicSpecLike[],
  options: { replicationFactor?: number } = {},
): Promise<void> {
  const kafkaSettings = Array.isArray(settings) ? { brokers: settings } : settings;
  const admin = createKafka(kafkaSettings).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: options.replicationFactor ?? -1,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
