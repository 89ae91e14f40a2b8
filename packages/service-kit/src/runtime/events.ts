import {
  createEvent,
  SERVICE_SOURCES,
  type CorridorEvent,
  type EventData,
  type EventType,
  type RegionCode,
  type ServiceName,
} from '@corridor/contracts';
import { currentCausationId, currentCorrelationId } from './context';

export interface NewEventFields<T extends EventType> {
  /** Default: the catalogue's subject field of `data`. */
  subject?: string;
  region: RegionCode | string;
  /** Validated (and stripped of unknown keys) by the catalogue schema, so domain objects may be passed. */
  data: EventData<T> | object;
  time?: string | Date;
  /** Overrides of the ids taken from the current scope (HTTP request or consumed event). */
  correlationId?: string;
  causationId?: string;
}

export type NewEvent = <T extends EventType>(type: T, fields: NewEventFields<T>) => CorridorEvent<T>;

/**
 * The one way a service creates its events. Correlation and causation come from the scope the
 * kit opens for every HTTP request (x-correlation-id) and every consumed event (its correlation
 * id, and its ce_id as causation), so HTTP routes and event handlers create events identically.
 */
export function eventFactory(service: ServiceName): NewEvent {
  const source = SERVICE_SOURCES[service];
  return (type, fields) => {
    const correlationId = fields.correlationId ?? currentCorrelationId();
    const causationId = fields.causationId ?? currentCausationId();
    return createEvent(type, {
      source,
      region: fields.region as RegionCode,
      data: fields.data as never,
      ...(fields.subject ? { subject: fields.subject } : {}),
      ...(fields.time ? { time: fields.time } : {}),
      ...(correlationId ? { correlationId } : {}),
      ...(causationId ? { causationId } : {}),
    });
  };
}
