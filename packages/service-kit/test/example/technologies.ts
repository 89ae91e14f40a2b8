import { createEvent, eventCatalogue, type CorridorEvent } from '@corridor/contracts';
import { AggregateStore, PermanentError, type Db, type EventHandler } from '../../src/messaging';

/**
 * A deliberately small service used by the messaging integration tests: a "supply" side that
 * publishes technologies through the outbox, and a "catalogue" projection that consumes them.
 */
export const PUBLISHED = 'corridor.supply.technology.published.v1' as const;

export interface Technology {
  title: string;
  status: 'published';
}

export interface CatalogueEntry {
  title: string;
  /** deliveries that changed the projection: stays 1 per technology when handling is idempotent */
  applied: number;
}

export function technologyPublished(technologyId: string, title = 'Low-temperature sintering'): CorridorEvent<typeof PUBLISHED> {
  const example = eventCatalogue[PUBLISHED].example;
  return createEvent(PUBLISHED, {
    source: '/corridor/supply',
    region: 'CN-BJ',
    data: { ...example, technologyId, title },
  });
}

export function technologyStore(db: Db): AggregateStore<Technology> {
  return new AggregateStore<Technology>(db, 'technologies');
}

export async function publishTechnology(store: AggregateStore<Technology>, technologyId: string, title?: string): Promise<CorridorEvent> {
  const event = technologyPublished(technologyId, title);
  await store.insert({ _id: technologyId, title: event.data.title, status: 'published' }, [event]);
  return event;
}

export function catalogueStore(db: Db): AggregateStore<CatalogueEntry> {
  return new AggregateStore<CatalogueEntry>(db, 'catalogue');
}

/** Titles starting with POISON fail until an operator sets the `poison-fixed` switch. */
export const POISON = 'POISON';

/**
 * The projection handler. Every invocation is logged in `invocations` (not idempotent on
 * purpose: the tests count raw deliveries there), the projection itself is idempotent through
 * causationEventId.
 */
export function onTechnologyPublished(db: Db, options: { delayMs?: number } = {}): EventHandler {
  const catalogue = catalogueStore(db);
  return async (event) => {
    const data = event.data as { technologyId: string; title: string; trl: number };
    await db.collection('invocations').insertOne({ eventId: event.id, subject: event.subject, pid: process.pid, at: new Date() });
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (data.title.startsWith(POISON) && !(await db.collection('switches').findOne({ _id: 'poison-fixed' as never }))) {
      throw new Error(`cannot project ${data.technologyId}: poison pill`);
    }
    if (data.title.startsWith('FORBIDDEN')) throw new PermanentError('titles starting with FORBIDDEN are refused', [{ path: 'data.title', message: 'is forbidden' }]);
    return catalogue.mutate(
      data.technologyId,
      (current) => ({ next: { title: data.title, applied: (current?.applied ?? 0) + 1 }, events: [] }),
      { causationEventId: event.id },
    );
  };
}
