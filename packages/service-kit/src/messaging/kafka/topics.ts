import type { Admin } from 'kafkajs';
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
 * default unless given. Safe when several services start at once: a topic another process is
 * creating at the same moment (TOPIC_ALREADY_EXISTS, or a leader wait that fails with
 * UNKNOWN_TOPIC_OR_PARTITION) is awaited in the metadata instead of failing start-up.
 */
export async function ensureTopics(
  settings: KafkaSettings | string[],
  topics: readonly TopicSpecLike[],
  options: { replicationFactor?: number; leaderTimeoutMs?: number } = {},
): Promise<void> {
  const kafkaSettings = Array.isArray(settings) ? { brokers: settings } : settings;
  const admin = createKafka(kafkaSettings).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return;
    let created: boolean;
    try {
      created = await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: options.replicationFactor ?? -1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      });
    } catch (err) {
      if (!isCreationRace(err)) throw err;
      created = false;
    }
    // false: another process created them between listTopics and createTopics (kafkajs skips its leader wait then).
    if (!created) await waitForLeaders(admin, missing.map((t) => t.name), options.leaderTimeoutMs ?? 30_000);
  } finally {
    await admin.disconnect();
  }
}

const RACE_ERRORS = new Set(['TOPIC_ALREADY_EXISTS', 'UNKNOWN_TOPIC_OR_PARTITION']);

/** kafkajs reports per-topic creation errors in `errors[]` and protocol errors by `type`. */
function isCreationRace(err: unknown): boolean {
  const e = err as { type?: unknown; errors?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.type === 'string' && RACE_ERRORS.has(e.type)) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isCreationRace(x))) return true;
  return e.cause !== undefined && e.cause !== err && isCreationRace(e.cause);
}

/** Polls metadata until every partition of `topics` has a leader (someone else created them). */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 1000)) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      const ready = topics.every((name) => {
        const t = meta.find((m) => m.name === name);
        return t !== undefined && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0);
      });
      if (ready) return;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms${last ? `: ${String((last as Error).message ?? last)}` : ''}`);
}
