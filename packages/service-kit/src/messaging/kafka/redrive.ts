import { randomUUID } from 'node:crypto';
import { dlqTopic as defaultDlqTopic, type ServiceName } from '@corridor/contracts';
import { createKafka, type KafkaSettings } from './client';
import { DLQ_HEADERS, headersToStrings } from './headers';
import { EventPublisher, type OutgoingRecord } from './publisher';

/** A record in a dead-letter topic, as the re-drive filter sees it. */
export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** all headers as strings: the original ones plus dlq_* */
  headers: Record<string, string>;
  reason: string;
  originalTopic: string;
}

export interface RedriveOptions extends KafkaSettings {
  /** whose DLQ (catalogue name corridor.<svc>.dlq.v1) … */
  service?: ServiceName;
  /** … or an explicit topic */
  dlqTopic?: string;
  /** which dead letters to send back (default: all) */
  filter?: (letter: DeadLetter) => boolean;
  /** give up reading after this long (default 30 s) */
  timeoutMs?: number;
}

export interface RedriveResult {
  scanned: number;
  redriven: number;
}

/**
 * Re-publishes dead letters to the topic they came from, with their original key, value and
 * headers (the dlq_* ones removed), so the owning consumer sees the very record it refused.
 * Reads the DLQ up to its end as of the call. A dead letter that was re-driven before is sent
 * again unless the filter excludes it; consumers are idempotent by event id, so that is safe.
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveResult> {
  const topic = options.dlqTopic ?? (options.service ? defaultDlqTopic(options.service) : undefined);
  if (!topic) throw new Error('redriveDeadLetters needs service or dlqTopic');
  const kafka = createKafka({ ...options, clientId: 'corridor-redrive' });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `corridor-redrive-${randomUUID()}`;
  const publisher = new EventPublisher({ ...options, clientId: 'corridor-redrive' });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
    if (remaining.size === 0) return { scanned: 0, redriven: 0 };

    let scanned = 0;
    let redriven = 0;
    let finish!: () => void;
    let fail!: (err: unknown) => void;
    const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
    await publisher.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const end = remaining.get(batch.partition);
        if (end === undefined) return;
        const out: OutgoingRecord[] = [];
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          scanned++;
          const headers = headersToStrings(message.headers);
          const letter: DeadLetter = {
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers,
            reason: headers.dlq_reason ?? '',
            originalTopic: headers.dlq_original_topic ?? '',
          };
          if (letter.originalTopic && (!options.filter || options.filter(letter))) {
            const original: Record<string, string | Buffer> = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              if ((DLQ_HEADERS as readonly string[]).includes(name) || value === undefined) continue;
              original[name] = Array.isArray(value) ? value[0]! : value;
            }
            out.push({ topic: letter.originalTopic, key: message.key, value: message.value, headers: original });
          }
          resolveOffset(message.offset);
          if (Number(message.offset) >= end - 1) remaining.delete(batch.partition);
        }
        try {
          await publisher.sendRecords(out);
        } catch (err) {
          fail(err);
          throw err;
        }
        redriven += out.length;
        await heartbeat();
        if (remaining.size === 0) finish();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`re-drive of ${topic} timed out`)), options.timeoutMs ?? 30_000);
      }),
    ]).finally(() => clearTimeout(timer));
    return { scanned, redriven };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await publisher.close();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
