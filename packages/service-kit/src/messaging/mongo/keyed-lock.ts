/**
 * Serialises async work per key within this process. FerretDB v1 (SQLite) applies an update as
 * read → modify → replace without isolation: five concurrent `updateOne({_id, version: 1})` calls
 * all matched in our probe, and a concurrent `$push` and `$pullAll` can lose one another. Queuing
 * the writes to one document inside the process makes the version check and the outbox array
 * safe for a single replica; real MongoDB needs none of this but is not harmed by it.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<R>(key: string, fn: () => Promise<R>): Promise<R> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
