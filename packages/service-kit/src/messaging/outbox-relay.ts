import type { CorridorEvent } from '@corridor/contracts';
import { outboxBacklog, outboxOldestAge } from '../metrics';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { errorMessage } from './errors';
import type { EventPublisher } from './kafka/publisher';
import { fallbackLogger, type MessagingLogger } from './logger';
import type { AggregateStore, PendingEvent } from './mongo/aggregate-store';

export interface OutboxRelayOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  stores: AggregateStore<any>[];
  publisher: Pick<EventPublisher, 'publish'>;
  /** crash recovery: how often to look for pending events without a wake-up (default 1000) */
  pollIntervalMs?: number;
  /** documents per round (default 100) */
  batchSize?: number;
  /** delays after a failed publish (default 100 ms doubling to 10 s) */
  backoff?: BackoffOptions;
  logger?: MessagingLogger;
}

interface PendingDoc {
  _id: string;
  outbox: PendingEvent[];
}

/** Documents with at least one pending event (works on MongoDB and FerretDB). */
const HAS_PENDING = { 'outbox.0': { $exists: true } };

/**
 * Moves committed events from aggregate documents to Kafka. Per document the events go out in
 * the order they were written, in one acknowledged batch, and are removed only after the broker
 * acknowledged them — a crash in between re-publishes them (consumers deduplicate by event
 * id), it never loses them. Woken right after a local write; also polls, which is what recovers
 * events left by a crashed process.
 */
export class OutboxRelay {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeController = new AbortController();
  private wakeRequested = false;
  private failures = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.backoff = options.backoff ?? { baseMs: 100, maxMs: 10_000 };
    this.logger = options.logger ?? fallbackLogger;
    for (const store of options.stores) store.onCommit(() => this.wake());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Publish now instead of at the next poll. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeController.abort();
  }

  /** Resolves once a round found nothing pending (or after `timeoutMs`); used at shutdown. */
  async flush(timeoutMs = 10_000): Promise<boolean> {
    if (!this.running) {
      // Not started (e.g. a one-shot script): run rounds inline.
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        try {
          if ((await this.round()) === 0) return true;
        } catch {
          await sleep(backoffDelay(1, this.backoff));
        }
      }
      return false;
    }
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      let delay = this.pollIntervalMs;
      try {
        const published = await this.round();
        this.failures = 0;
        if (published === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        } else {
          continue; // there may be more; a wake during the round is covered too
        }
      } catch (err) {
        this.failures++;
        delay = backoffDelay(this.failures, this.backoff);
        this.logger.warn({ err: errorMessage(err), failures: this.failures, retryInMs: delay }, 'outbox relay round failed; events stay in the outbox');
      }
      if (!this.running) break;
      if (this.wakeRequested && this.failures === 0) continue;
      this.wakeController = new AbortController();
      await sleep(delay, this.failures === 0 ? this.wakeController.signal : undefined);
    }
  }

  /** One pass over every store; returns how many events were published. */
  private async round(): Promise<number> {
    let published = 0;
    for (const store of this.options.stores) published += await this.relayStore(store);
    return published;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async relayStore(store: AggregateStore<any>): Promise<number> {
    const collection = store.collection;
    const docs = (await collection
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .find(HAS_PENDING as any, { projection: { outbox: 1 } })
      .limit(this.batchSize)
      .toArray()) as unknown as PendingDoc[];
    this.recordBacklog(store.collectionName, docs);
    if (docs.length === 0) return 0;

    // One acknowledged batch for all documents: per aggregate the events keep their order
    // (same key → same partition, one request in flight).
    await this.options.publisher.publish(docs.flatMap((d) => d.outbox.map((p) => cleanEvent(p.event))));

    for (const d of docs) await store.removePublished(d._id, d.outbox);
    const count = docs.reduce((n, d) => n + d.outbox.length, 0);
    this.logger.debug({ collection: store.collectionName, count }, 'outbox events published');
    return count;
  }

  private recordBacklog(collection: string, docs: PendingDoc[]): void {
    let count = 0;
    let oldest = Infinity;
    for (const d of docs) {
      count += d.outbox.length;
      for (const p of d.outbox) oldest = Math.min(oldest, new Date(p.enqueuedAt).getTime());
    }
    outboxBacklog.set({ collection }, count);
    outboxOldestAge.set({ collection }, Number.isFinite(oldest) ? (Date.now() - oldest) / 1000 : 0);
  }
}

/** BSON round trips turn absent optional fields into null; the envelope wants them absent. */
function cleanEvent(event: CorridorEvent): CorridorEvent {
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== null && v !== undefined)) as unknown as CorridorEvent;
}
