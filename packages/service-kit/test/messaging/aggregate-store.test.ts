import { AggregateStore, ConcurrencyError, DuplicateAggregateError, Inbox } from '../../src/messaging';
import { technologyPublished } from '../example/technologies';
import { openDb, type TestDb } from './support';

interface Counter {
  n: number;
}

describe('AggregateStore (real database)', () => {
  let t: TestDb;
  let store: AggregateStore<Counter>;

  beforeAll(async () => {
    t = await openDb();
    store = new AggregateStore<Counter>(t.db, 'counters');
  });
  afterAll(() => t.close());

  it('writes state and pending events in one document and bumps the version', async () => {
    const created = technologyPublished('tech-store-1');
    await store.insert({ _id: 'c1', n: 1 }, [created]);
    const result = await store.update('c1', 1, { n: 2 }, [technologyPublished('tech-store-1')]);
    expect(result).toEqual({ applied: true, version: 2 });

    const raw = await store.collection.findOne({ _id: 'c1' });
    expect(raw?.n).toBe(2);
    expect(raw?.outbox.map((p) => p.event.type)).toEqual(['corridor.supply.technology.published.v1', 'corridor.supply.technology.published.v1']);
    expect(raw?.outbox[0]?.id).toBe(created.id);
    // get() hides the outbox and the processed ids
    expect(await store.get('c1')).toEqual(expect.not.objectContaining({ outbox: expect.anything() }));
    expect((await store.get('c1'))?.version).toBe(2);
  });

  it('refuses a stale version with ConcurrencyError', async () => {
    await store.insert({ _id: 'c2', n: 0 }, []);
    await store.update('c2', 1, { n: 1 }, []);
    await expect(store.update('c2', 1, { n: 5 }, [])).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.get('c2'))?.n).toBe(1);
  });

  it('applies an update caused by the same event only once', async () => {
    await store.insert({ _id: 'c3', n: 0 }, []);
    const first = await store.update('c3', 1, { n: 1 }, [], { causationEventId: 'evt-1' });
    const again = await store.update('c3', 2, { n: 2 }, [], { causationEventId: 'evt-1' });
    expect(first.applied).toBe(true);
    expect(again).toEqual({ applied: false, version: 2 });
    expect((await store.get('c3'))?.n).toBe(1);
  });

  it('treats a duplicate insert from the same causation event as done, and others as a conflict', async () => {
    await store.insert({ _id: 'c4', n: 1 }, [], { causationEventId: 'evt-2' });
    expect(await store.insert({ _id: 'c4', n: 1 }, [], { causationEventId: 'evt-2' })).toEqual({ applied: false, version: 1 });
    await expect(store.insert({ _id: 'c4', n: 9 }, [])).rejects.toBeInstanceOf(DuplicateAggregateError);
  });

  it('mutate re-reads and retries on a version clash and stays idempotent per causation', async () => {
    await store.insert({ _id: 'c5', n: 0 }, []);
    const increments = Array.from({ length: 5 }, (_, i) =>
      store.mutate('c5', (cur) => ({ next: { n: (cur?.n ?? 0) + 1 }, events: [] }), { causationEventId: `inc-${i}`, attempts: 20 }),
    );
    await Promise.all(increments);
    await store.mutate('c5', (cur) => ({ next: { n: (cur?.n ?? 0) + 1 }, events: [] }), { causationEventId: 'inc-0' });
    expect((await store.get('c5'))?.n).toBe(5);
  });

  it('lists with keyset cursors', async () => {
    const list = new AggregateStore<Counter>(t.db, 'listed');
    for (const id of ['a', 'b', 'c', 'd', 'e']) await list.insert({ _id: id, n: 1 }, []);
    const first = await list.list({ n: 1 }, { limit: 2 });
    expect(first.items.map((i) => i._id)).toEqual(['a', 'b']);
    const second = await list.list({ n: 1 }, { limit: 2, cursor: first.nextCursor! });
    const third = await list.list({ n: 1 }, { limit: 2, cursor: second.nextCursor! });
    expect(second.items.map((i) => i._id)).toEqual(['c', 'd']);
    expect(third.items.map((i) => i._id)).toEqual(['e']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('inbox runs an effect once per event id', async () => {
    const inbox = new Inbox(t.db, 'mailer');
    let sent = 0;
    expect(await inbox.once('evt-9', async () => void sent++)).toBe(true);
    expect(await inbox.once('evt-9', async () => void sent++)).toBe(false);
    expect(sent).toBe(1);
  });
});
