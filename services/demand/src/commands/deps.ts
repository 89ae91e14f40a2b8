import { createHash, randomUUID } from 'node:crypto';
import { clusterOf, isRegionCode, type CorridorEvent, type EventType } from '@corridor/contracts';
import { eventFactory, type AggregateStore } from '@corridor/service-kit';
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
 * Where a command came from. HTTP: nothing. Event handler: the incoming event's id as
 * causationEventId, so a redelivery is a no-op. Correlation and causation ids of the events a
 * command creates come from the kit's request/event scope (eventFactory).
 */
export interface Meta {
  causationEventId?: string;
}

const newEvent = eventFactory('demand');

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
 * Builds an outgoing event. The data is validated against the catalogue schema (unknown keys are
 * dropped), so domain objects can be passed as they are.
 */
export function emit<T extends EventType>(type: T, region: string, data: object): CorridorEvent {
  return newEvent(type, { region, data });
}
