import { createHash, randomUUID } from 'node:crypto';
import {
  SERVICE_SOURCES,
  clusterOf,
  createEvent,
  isRegionCode,
  type CorridorEvent,
  type EventType,
  type RegionCode,
} from '@corridor/contracts';
import type { AggregateStore } from '@corridor/service-kit';
import type { CatalogueEntry, Challenge, Contract, Match, Need } from '../domain';

/** MongoDB collections of the demand database; all but the catalogue carry an outbox. */
export const COLLECTIONS = {
  demands: 'demands',
  challenges: 'challenges',
  matches: 'matches',
  contracts: 'contracts',
  catalogue: 'technology_catalogue',
} as const;

export interface Stores {
  demands: AggregateStore<Need>;
  challenges: AggregateStore<Challenge>;
  matches: AggregateStore<Match>;
  contracts: AggregateStore<Contract>;
  catalogue: AggregateStore<CatalogueEntry>;
}

export interface DemandDeps {
  stores: Stores;
  now(): Date;
  matching: { threshold: number; limit: number };
}

/**
 * Where a command came from. HTTP: the request's correlation id. Event handler: the incoming
 * event's correlation id, its id as causation id, and as causationEventId so a redelivery is a no-op.
 */
export interface Meta {
  correlationId: string;
  causationId?: string;
  causationEventId?: string;
}

export const SOURCE = SERVICE_SOURCES.demand;

export const regionClusterOf = (region: string): string | undefined =>
  isRegionCode(region) ? (clusterOf(region) ?? undefined) : undefined;

/**
 * A new aggregate id. Commands that arrive as events derive it from the event id, so the
 * redelivered command finds the aggregate it already created instead of creating a second one.
 */
export function newId(prefix: string, meta: Meta): string {
  return `${prefix}-${meta.causationEventId ?? randomUUID()}`;
}

/** A stable id for a pair, so the same proposal made twice (need first or technology first) is one match. */
export function pairId(prefix: string, a: string, b: string): string {
  return `${prefix}-${createHash('sha256').update(`${a}\u0000${b}`).digest('hex').slice(0, 32)}`;
}

/**
 * Builds an outgoing event. The data is validated against the catalogue schema by createEvent
 * (unknown keys are dropped), so domain objects can be passed as they are.
 */
export function emit<T extends EventType>(type: T, region: string, data: object, meta: Meta): CorridorEvent {
  return createEvent(type, {
    source: SOURCE,
    region: region as RegionCode,
    data: data as never,
    correlationId: meta.correlationId,
    ...(meta.causationId ? { causationId: meta.causationId } : {}),
  });
}
