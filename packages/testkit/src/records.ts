import type { KafkaMessage, Message } from 'kafkajs';
import { testKafka } from './kafka';
import { uniqueName } from './names';

/** A record as `encodeEvent` (@corridor/contracts) returns it, or any kafkajs message. */
export type RecordToProduce = Pick<Message, 'key' | 'value' | 'headers'>;

/**
 * Sends records to a topic with a short-lived producer, as another service or an agency would:
 * `produceRecords(\`${prefix}.corridor.supply.ingest.v1\`, events.map(encodeEvent))`.
 */
export async function produceRecords(topic: string, records: RecordToProduce[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: records.map((r) => ({ ...r, value: r.value ?? null })) });
  } finally {
    await producer.disconnect();
  }
}

export interface TopicReader<T> {
  /** Everything read so far, in arrival order; grows while the reader runs. */
  readonly records: T[];
  stop(): Promise<void>;
}

/**
 * Reads topics from the beginning in a throw-away consumer group until stopped. `map` turns each
 * message into what the test asserts on, e.g. `(m) => decodeEvent({ ...m, headers: m.headers ?? {} })`;
 * without it the raw kafkajs messages are kept. Wait for the records with `waitFor`.
 */
export async function collectTopics<T = KafkaMessage>(
  topics: string | string[],
  map: (message: KafkaMessage, topic: string) => T = (m) => m as T,
): Promise<TopicReader<T>> {
  const consumer = testKafka().consumer({ groupId: uniqueName('test-reader') });
  const records: T[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: Array.isArray(topics) ? topics : [topics], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ topic, message }) => void records.push(map(message, topic)) });
  } catch (err) {
    await consumer.disconnect();
    throw err;
  }
  return { records, stop: () => consumer.disconnect() };
}

/** A header of a consumed message as a string (kafkajs hands them over as Buffers). */
export function headerOf(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String).join(',') : value.toString();
}
