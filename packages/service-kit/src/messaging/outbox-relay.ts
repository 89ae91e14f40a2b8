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
  /**
   * How often to scan the collections for pending events of documents this process was not told
   * about (a crashed process's writes), even while busy; also refreshes the backlog gauges
   * (default 5000).
   */
  scanIntervalMs?: number;
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
  private readonly scanIntervalMs: number;
  /** per collection: documents written here since their last relay */
  private readonly dirty = new Map<string, Set<string>>();
  private nextScanAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.backoff = options.backoff ?? { baseMs: 100, maxMs: 10_000 };
    this.logger = options.logger ?? fallbackLogger;
    this.scanIntervalMs = options.scanIntervalMs ?? 5000;
    for (const store of options.stores) {
      this.dirty.set(store.collectionName, new Set());
      store.onCommit((collection, ids) => {
        const set = this.dirty.get(collection)!;
        for (const id of ids) set.add(id);
        this.wake();
      });
    }
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
    const scan = Date.now() >= this.nextScanAt || [...this.dirty.values()].every((d) => d.size === 0);
    if (scan) this.nextScanAt = Date.now() + this.scanIntervalMs;
    let published = 0;
    for (const store of this.options.stores) published += await this.relayStore(store, scan);
    return published;
  }

  /**
   * Documents written by this process are fetched by `_id` (cheap on every server); a scan for
   * any pending event (FerretDB cannot use an index for it) runs on the poll and scan intervals.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async relayStore(store: AggregateStore<any>, scan: boolean): Promise<number> {
    const collection = store.collection;
    const dirty = this.dirty.get(store.collectionName)!;
    const ids = [...dirty].slice(0, this.batchSize);
    for (const id of ids) dirty.delete(id);
    try {
      let docs: PendingDoc[];
      if (scan) {
        docs = (await collection
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          .find(HAS_PENDING as any, { projection: { outbox: 1 } })
          .limit(this.batchSize)
          .toArray()) as unknown as PendingDoc[];
        this.recordBacklog(store.collectionName, docs);
        // documents found by the scan need no second look
        for (const d of docs) dirty.delete(d._id);
        const seen = new Set(docs.map((d) => d._id));
        for (const id of ids) if (!seen.has(id)) dirty.add(id);
      } else {
        docs = ((await collection
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          .find({ _id: { $in: ids } } as any, { projection: { outbox: 1 } })
          .toArray()) as unknown as PendingDoc[]).filter((d) => d.outbox?.length > 0);
      }
      if (docs.length === 0) return 0;
      this.logger.debug({ collection: store.collectionName, docs: docs.length, scan }, 'outbox: publishing');

      // One acknowledged batch for all documents: per aggregate the events keep their order
      // (same key → same partition, one request in flight).
      await this.options.publisher.publish(docs.flatMap((d) => d.outbox.map((p) => cleanEvent(p.event))));
      this.logger.debug({ collection: store.collectionName, docs: docs.length }, 'outbox: acknowledged, removing');
      await store.removePublished(docs);
      const count = docs.reduce((n, d) => n + d.outbox.length, 0);
      this.logger.debug({ collection: store.collectionName, count }, 'outbox events published');
      return count;
    } catch (err) {
      for (const id of ids) dirty.add(id); // try these again after the backoff
      throw err;
    }
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
