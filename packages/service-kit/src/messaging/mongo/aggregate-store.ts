import type { CorridorEvent } from '@corridor/contracts';
import type mongoose from 'mongoose';
import { AggregateNotFoundError, ConcurrencyError, DuplicateAggregateError } from '../errors';
import { captureTraceContext } from '../trace-context';
import { paginate, type Page } from '../../runtime/pagination';
import { isDuplicateKeyError, type Db } from './connection';
import { KeyedLock } from './keyed-lock';

/** An event committed with its aggregate and not yet acknowledged by Kafka. */
export interface PendingEvent {
  id: string;
  /** the full envelope, including the W3C trace context active when it was written */
  event: CorridorEvent;
  enqueuedAt: Date;
}

/** Fields the store owns on every aggregate document. */
export interface StoredFields {
  _id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

interface InternalFields {
  outbox: PendingEvent[];
  processedEventIds: string[];
}

export type Aggregate<T> = T & StoredFields;
type StoredDoc<T> = Aggregate<T> & InternalFields;

export interface WriteOptions {
  /**
   * The event this write is the effect of. The write is a no-op (applied: false) when the
   * document already records it: duplicates and replays change nothing.
   */
  causationEventId?: string;
}

export interface WriteResult {
  /** false when the causation event had already been applied */
  applied: boolean;
  version: number;
}

const RESERVED = new Set(['_id', 'version', 'createdAt', 'updatedAt', 'outbox', 'processedEventIds']);
const HIDDEN = { outbox: 0, processedEventIds: 0 };

/** Told which documents just got pending events, so the relay can fetch them by `_id`. */
type CommitListener = (collection: string, ids: readonly string[]) => void;

/**
 * Aggregates of one collection with optimistic concurrency and a transactional outbox that
 * needs no multi-document transactions: the events of a state change are pushed into the
 * document's `outbox` array in the SAME single-document write (atomic on every MongoDB-compatible
 * server), and OutboxRelay publishes and removes them afterwards.
 */
export class AggregateStore<T extends object> {
  private readonly listeners: CommitListener[] = [];
  private readonly lock = new KeyedLock();

  constructor(
    private readonly db: Db,
    readonly collectionName: string,
  ) {}

  get collection(): mongoose.mongo.Collection<StoredDoc<T>> {
    return this.db.collection<StoredDoc<T>>(this.collectionName);
  }

  /** Called after every committed write that enqueued events (the relay wakes up on it). */
  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  async insert(doc: T & { _id: string }, events: readonly CorridorEvent[], options: WriteOptions = {}): Promise<WriteResult> {
    const stored = newDocument(doc, events, options.causationEventId, new Date());
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await this.lock.run(doc._id, () => this.collection.insertOne(stored as any, { ignoreUndefined: true }));
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      if (options.causationEventId) {
        const existing = await this.rawGet(doc._id);
        if (existing?.processedEventIds.includes(options.causationEventId)) {
          return { applied: false, version: existing.version };
        }
      }
      throw new DuplicateAggregateError(this.collectionName, doc._id);
    }
    if (events.length > 0) this.committed([doc._id]);
    return { applied: true, version: 1 };
  }

  /**
   * Inserts many new aggregates in one round trip (bulk projections, batch consumers). An id that
   * exists already counts as a duplicate when that document records the item's causation event;
   * otherwise the call fails with DuplicateAggregateError after the other documents went in.
   */
  async insertMany(
    items: readonly { doc: T & { _id: string }; events: readonly CorridorEvent[]; causationEventId?: string }[],
  ): Promise<{ inserted: number; duplicates: number }> {
    if (items.length === 0) return { inserted: 0, duplicates: 0 };
    const now = new Date();
    const docs = items.map((i) => newDocument(i.doc, i.events, i.causationEventId, now));
    let failedIds = new Set<string>();
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await this.collection.insertMany(docs as any[], { ordered: false, ignoreUndefined: true });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
      const errors = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as { code?: number; index: number }[];
      if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw err;
      failedIds = new Set(errors.map((e) => items[e.index]!.doc._id));
    }
    const inserted = items.filter((i) => !failedIds.has(i.doc._id));
    this.committed(inserted.filter((i) => i.events.length > 0).map((i) => i.doc._id));
    for (const item of items.filter((i) => failedIds.has(i.doc._id))) {
      const existing = item.causationEventId ? await this.rawGet(item.doc._id) : null;
      if (!existing?.processedEventIds.includes(item.causationEventId!)) throw new DuplicateAggregateError(this.collectionName, item.doc._id);
    }
    return { inserted: inserted.length, duplicates: failedIds.size };
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: Partial<T>,
    events: readonly CorridorEvent[],
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    const now = new Date();
    const filter: Record<string, unknown> = { _id: id, version: expectedVersion };
    if (options.causationEventId) filter.processedEventIds = { $ne: options.causationEventId };
    const update: Record<string, unknown> = {
      $set: { ...stripReserved(patch), version: expectedVersion + 1, updatedAt: now },
    };
    const push: Record<string, unknown> = {};
    if (events.length > 0) push.outbox = { $each: toPending(events, now) };
    if (options.causationEventId) push.processedEventIds = options.causationEventId;
    if (Object.keys(push).length > 0) update.$push = push;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = await this.lock.run(id, () => this.collection.updateOne(filter as any, update as any, { ignoreUndefined: true }));
    if (result.matchedCount === 1) {
      if (events.length > 0) this.committed([id]);
      return { applied: true, version: expectedVersion + 1 };
    }
    const current = await this.rawGet(id);
    if (!current) throw new AggregateNotFoundError(this.collectionName, id);
    if (options.causationEventId && current.processedEventIds.includes(options.causationEventId)) {
      return { applied: false, version: current.version };
    }
    throw new ConcurrencyError(this.collectionName, id, expectedVersion);
  }

  /**
   * Read, decide, write; re-reads and decides again on a version clash. `decide` is the pure
   * domain step: it gets the current state (undefined when absent) and returns the new state
   * and events, or null for "nothing to do".
   */
  async mutate(
    id: string,
    decide: (current: Aggregate<T> | undefined) => { next: T; events: CorridorEvent[] } | null,
    options: WriteOptions & { attempts?: number } = {},
  ): Promise<WriteResult> {
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (current && options.causationEventId && (await this.hasProcessed(id, options.causationEventId))) {
        return { applied: false, version: current.version };
      }
      const decision = decide(current);
      if (!decision) return { applied: false, version: current?.version ?? 0 };
      try {
        return current
          ? await this.update(id, current.version, decision.next, decision.events, options)
          : await this.insert({ ...decision.next, _id: id }, decision.events, options);
      } catch (err) {
        const clash = err instanceof ConcurrencyError || (err instanceof DuplicateAggregateError && !current);
        if (!clash || attempt >= attempts) throw err;
      }
    }
  }

  async get(id: string): Promise<Aggregate<T> | undefined> {
    const doc = await this.collection.findOne(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      { _id: id } as any,
      { projection: HIDDEN },
    );
    return (doc as Aggregate<T> | null) ?? undefined;
  }

  async hasProcessed(id: string, eventId: string): Promise<boolean> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (await this.collection.countDocuments({ _id: id, processedEventIds: eventId } as any, { limit: 1 })) > 0;
  }

  /**
   * Keyset pagination in `_id` order (the HTTP helper's cursor format, so `?cursor=&limit=` maps
   * straight through); `filter` is a plain MongoDB filter on state fields.
   */
  async list(filter: Record<string, unknown> = {}, page: { cursor?: string; limit?: number } = {}): Promise<Page<Aggregate<T>>> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = await paginate(this.collection as any, filter as any, page, { projection: HIDDEN });
    return result as unknown as Page<Aggregate<T>>;
  }

  /**
   * Removes events the broker acknowledged: `$pullAll` of the elements exactly as read, because
   * FerretDB v1 has no `$pull` by condition; events appended since the read are other elements
   * and stay. One single-document update each, not a bulkWrite: on FerretDB (SQLite) a multi-
   * statement update racing a concurrent insertMany stalled for minutes in the bench. Same
   * per-document lock as the writes (see KeyedLock).
   */
  async removePublished(published: readonly { _id: string; outbox: readonly PendingEvent[] }[]): Promise<void> {
    for (const d of published) {
      await this.lock.run(d._id, () =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        this.collection.updateOne({ _id: d._id } as any, { $pullAll: { outbox: d.outbox } } as any),
      );
    }
  }

  private async rawGet(id: string): Promise<StoredDoc<T> | null> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (await this.collection.findOne({ _id: id } as any)) as StoredDoc<T> | null;
  }

  private committed(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const l of this.listeners) l(this.collectionName, ids);
  }
}

function stripReserved<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !RESERVED.has(k))) as Partial<T>;
}

function newDocument<T extends object>(
  doc: T & { _id: string },
  events: readonly CorridorEvent[],
  causationEventId: string | undefined,
  now: Date,
): StoredDoc<T> {
  return {
    ...stripReserved(doc),
    _id: doc._id,
    version: 1,
    createdAt: now,
    updatedAt: now,
    outbox: toPending(events, now),
    processedEventIds: causationEventId ? [causationEventId] : [],
  } as unknown as StoredDoc<T>;
}

function toPending(events: readonly CorridorEvent[], now: Date): PendingEvent[] {
  const active = captureTraceContext();
  return events.map((event) => ({
    id: event.id,
    // The trace context is taken at write time so the relay's publish continues the request's trace.
    event: event.traceparent ? event : { ...event, ...active },
    enqueuedAt: now,
  }));
}
