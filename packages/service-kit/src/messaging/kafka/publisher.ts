import type { Producer } from 'kafkajs';
import { encodeEvent, topicFor, type CorridorEvent } from '@corridor/contracts';
import { eventsProduced } from '../../metrics';
import { endSpan, startPublishSpan } from '../trace-context';
import { createKafka, type KafkaSettings } from './client';

/** A record as the kit sends it; no client-library types leak out. */
export interface OutgoingRecord {
  topic: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
}

/** Where the broker stored (the first record of) a batch for one partition. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface EventPublisherOptions extends KafkaSettings {
  /** Topic for an event; default: the catalogue's topicFor(type). Tests use it to prefix topics. */
  topicOf?: (event: CorridorEvent) => string;
}

/**
 * Publishes CloudEvents (binary mode, key = subject) with the idempotent producer: acks from all
 * in-sync replicas and one request in flight, so retries neither duplicate nor reorder records
 * of an aggregate. `publish` resolves only after the broker acknowledged every record.
 */
export class EventPublisher {
  private readonly kafkaSettings: KafkaSettings;
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  readonly topicOf: (event: CorridorEvent) => string;

  constructor(options: EventPublisherOptions) {
    this.kafkaSettings = options;
    this.topicOf = options.topicOf ?? ((e) => topicFor(e.type));
  }

  async connect(): Promise<void> {
    await this.ensureProducer();
  }

  /** `options.topic` overrides the topic of every event (rejections go to the agency's topic). */
  async publish(events: readonly CorridorEvent[], options: { topic?: string } = {}): Promise<void> {
    if (events.length === 0) return;
    const spans = events.map((event) => {
      const topic = options.topic ?? this.topicOf(event);
      const stored = event.traceparent
        ? { traceparent: event.traceparent, ...(event.tracestate ? { tracestate: event.tracestate } : {}) }
        : undefined;
      const { span, carrier } = startPublishSpan(topic, stored, {
        'messaging.message.id': event.id,
        'messaging.kafka.message.key': event.subject,
        'cloudevents.event_type': event.type,
      });
      const encoded = encodeEvent({ ...event, ...carrier });
      const headers: Record<string, string> = { ...encoded.headers };
      if (carrier.traceparent) headers.traceparent = carrier.traceparent;
      if (carrier.tracestate) headers.tracestate = carrier.tracestate;
      return { span, event, record: { topic, key: encoded.key, value: encoded.value, headers } };
    });
    try {
      await this.sendRecords(spans.map((s) => s.record));
    } catch (err) {
      for (const s of spans) endSpan(s.span, err);
      throw err;
    }
    for (const s of spans) {
      eventsProduced.inc({ type: s.event.type, topic: s.record.topic });
      endSpan(s.span);
    }
  }

  /** Raw records (dead letters, re-drive); same delivery guarantees as publish. */
  async sendRecords(records: readonly OutgoingRecord[]): Promise<RecordPosition[]> {
    if (records.length === 0) return [];
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    const producer = await this.ensureProducer();
    try {
      const meta = await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, rs]) => ({
          topic,
          messages: rs.map((r) => ({ key: r.key, value: r.value, headers: r.headers ?? {} })),
        })),
      });
      return meta.map((m) => ({ topic: m.topicName, partition: m.partition, offset: m.baseOffset ?? '0' }));
    } catch (err) {
      // A broken connection can leave the producer unusable; start clean on the next call.
      await this.reset();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async reset(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    if (p) await p.disconnect().catch(() => undefined);
  }

  private ensureProducer(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = createKafka(this.kafkaSettings, {
        retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 3 },
      }).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      try {
        await producer.connect();
      } catch (err) {
        this.connecting = undefined;
        await producer.disconnect().catch(() => undefined);
        throw err;
      }
      this.producer = producer;
      return producer;
    })();
    return this.connecting;
  }
}
