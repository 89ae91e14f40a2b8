import type { TransferMode } from './need';

/**
 * Demand's own copy of the technology catalogue, built from supply's events.
 *
 * Order safety: each field (and the status) remembers the order key of the event that last set
 * it and only a later key overwrites it (last writer wins per field). Applying the same events in
 * any order, any number of times, therefore ends in the same entry: redelivery, a replay from the
 * start of the topic, or a re-driven dead letter arriving late cannot roll the entry back.
 */
export type CatalogueStatus = 'unknown' | 'draft' | 'published' | 'withdrawn' | 'transferred';
export type TechnologyFactKind = 'published' | 'updated' | 'withdrawn' | 'poc-completed' | 'pilot-completed' | 'transferred';

export interface Owner {
  institutionId: string;
  name: string;
  kind: string;
  creditCode?: string;
  region: string;
}

export interface TechnologyAttributes {
  title: string;
  summary: string;
  field: string;
  keywords: string[];
  owner: Owner;
  region: string;
  city?: string;
  trl: number;
  transferModes: TransferMode[];
  askingPriceFen: number;
}

export interface TechnologyFact {
  eventId: string;
  kind: TechnologyFactKind;
  technologyId: string;
  /** Sorts like the changes happened: see technologyOrderKey. */
  order: string;
  fields: Partial<TechnologyAttributes>;
  /** `updated` carries the full state including the status. */
  status?: Exclude<CatalogueStatus, 'unknown'>;
}

export interface CatalogueEntry extends Partial<TechnologyAttributes> {
  technologyId: string;
  status: CatalogueStatus;
  /** Order key of the latest event seen for this technology. */
  lastOrder: string;
  fieldOrders: Record<string, string>;
}

/**
 * Supply events carry no aggregate version, but each carries the time of its change
 * (publishedAt, updatedAt, completedAt …). The key is that time, zero-padded so strings sort like
 * numbers, then the event id so two changes in the same millisecond still have one fixed order.
 */
export function technologyOrderKey(changedAt: string, eventId: string): string {
  const ms = Date.parse(changedAt);
  return `${String(Number.isNaN(ms) ? 0 : ms).padStart(15, '0')}|${eventId}`;
}

const STATUS_OF: Partial<Record<TechnologyFactKind, CatalogueStatus>> = {
  published: 'published',
  withdrawn: 'withdrawn',
  transferred: 'transferred',
};

const REQUIRED_FOR_MATCHING: (keyof TechnologyAttributes)[] = ['title', 'field', 'keywords', 'region', 'trl', 'transferModes'];

export function applyTechnologyFact(
  current: CatalogueEntry | undefined,
  fact: TechnologyFact,
): { entry: CatalogueEntry; changed: boolean } {
  const entry: CatalogueEntry = current
    ? { ...current, fieldOrders: { ...current.fieldOrders } }
    : { technologyId: fact.technologyId, status: 'unknown', lastOrder: '', fieldOrders: {} };
  let changed = false;
  const assign = (key: string, value: unknown) => {
    const seen = entry.fieldOrders[key];
    if (seen !== undefined && seen >= fact.order) return;
    (entry as unknown as Record<string, unknown>)[key] = value;
    entry.fieldOrders[key] = fact.order;
    changed = true;
  };
  for (const [key, value] of Object.entries(fact.fields)) {
    if (value !== undefined) assign(key, value);
  }
  const status = fact.status ?? STATUS_OF[fact.kind];
  if (status) assign('status', status);
  if (fact.order > entry.lastOrder) {
    entry.lastOrder = fact.order;
    changed = true;
  }
  return { entry, changed };
}

/** Only a published technology with everything scoring needs is offered to needs. */
export function isMatchable(entry: CatalogueEntry): entry is CatalogueEntry & TechnologyAttributes {
  return entry.status === 'published' && REQUIRED_FOR_MATCHING.every((k) => entry[k] !== undefined);
}
