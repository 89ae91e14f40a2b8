import type mongoose from 'mongoose';
import { isDuplicateKeyError, type Db } from './connection';

interface InboxEntry {
  _id: string;
  consumer: string;
  at: Date;
}

/**
 * Remembers which event ids a consumer has handled, for effects that are not a single aggregate
 * write (those use AggregateStore's causationEventId instead, which is atomic with the effect).
 * The id is recorded AFTER the effect: a crash in between repeats the effect once more, so the
 * effect must tolerate that (at-least-once, deduplicated in the common case).
 */
export class Inbox {
  private readonly collection: mongoose.mongo.Collection<InboxEntry>;

  constructor(
    db: Db,
    readonly consumer: string,
    collectionName = 'inbox',
  ) {
    this.collection = db.collection<InboxEntry>(collectionName);
  }

  private key(eventId: string): string {
    return `${this.consumer}:${eventId}`;
  }

  async has(eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: this.key(eventId) }, { limit: 1 })) > 0;
  }

  async record(eventId: string): Promise<void> {
    try {
      await this.collection.insertOne({ _id: this.key(eventId), consumer: this.consumer, at: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** Runs `effect` unless the event was seen; returns whether it ran. */
  async once(eventId: string, effect: () => Promise<void>): Promise<boolean> {
    if (await this.has(eventId)) return false;
    await effect();
    await this.record(eventId);
    return true;
  }
}
