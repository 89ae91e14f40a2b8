import { createHash, randomUUID } from 'node:crypto';
import type { CorridorEvent, EventType, TechnologyInput } from '@corridor/contracts';
import {
  type Aggregate,
  type AggregateStore,
  AggregateNotFoundError,
  DuplicateAggregateError,
  eventFactory,
  PermanentError,
} from '@corridor/service-kit';
import {
  type Decision,
  type DomainEvent,
  type SignedContract,
  type Technology,
  type TechnologyDescription,
  type ValidationResult,
  createDraft,
  markTransferred,
  publish,
  recordPilot,
  recordPoc,
  update,
  withdraw,
} from './domain';

export const TECHNOLOGIES = 'technologies';

/**
 * Where a command came from: nothing for an HTTP request, the consumed event's id for a handler
 * (the idempotency key of its effect). Correlation and causation of the events it creates come
 * from the kit's request/event scope (newEvent).
 */
export interface Cause {
  /** ce_id of the event that caused the command */
  causationEventId?: string;
}

const newEvent = eventFactory('supply');

export type TechnologyView = Omit<Aggregate<Technology>, '_id'>;

/** An id that is the same on every redelivery of the same event, so a replay finds its own effect. */
export function idFromEvent(eventId: string): string {
  return `tech-${createHash('sha256').update(eventId).digest('hex').slice(0, 24)}`;
}

function description(input: TechnologyInput): TechnologyDescription {
  const { technologyId: _id, ...d } = input;
  return d;
}

/**
 * The use cases of supply, shared by HTTP routes and event handlers so both doors behave the same.
 * Every state change and its events are written in one document write (the kit's outbox).
 */
export class TechnologyCommands {
  /** The store is looked up on use: services connect MongoDB only in start(). */
  constructor(
    private readonly storeOf: () => AggregateStore<Technology>,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  private get store(): AggregateStore<Technology> {
    return this.storeOf();
  }

  private envelope(t: Technology, events: DomainEvent[]): CorridorEvent[] {
    return events.map((e) => newEvent(e.type as EventType, { subject: t.id, region: t.region, data: e.data as object }));
  }

  async get(id: string): Promise<Aggregate<Technology> | undefined> {
    return this.store.get(id);
  }

  list(filter: Record<string, unknown>, page: { limit?: number; cursor?: string }) {
    return this.store.list(filter, page);
  }

  /** Creates a draft; with `publishNow` it is published in the same write (what agencies ask for). */
  async create(
    input: TechnologyInput,
    cause: Cause = {},
    publishNow = false,
  ): Promise<{ technology: Aggregate<Technology>; applied: boolean }> {
    const id = input.technologyId ?? (cause.causationEventId ? idFromEvent(cause.causationEventId) : randomUUID());
    const now = this.clock();
    const draft = createDraft(id, description(input));
    const decision: Decision = publishNow ? publish(draft, now) : { state: draft, events: [] };
    let applied: boolean;
    try {
      ({ applied } = await this.store.insert(
        { ...decision.state, _id: id },
        this.envelope(decision.state, decision.events),
        cause.causationEventId ? { causationEventId: cause.causationEventId } : {},
      ));
    } catch (err) {
      // Over HTTP the kit answers 409; on ingest the agency learns the id is taken.
      if (err instanceof DuplicateAggregateError && cause.causationEventId) {
        throw new PermanentError(`technology ${id} already exists`, [{ path: 'data.technologyId', message: 'already exists' }]);
      }
      throw err;
    }
    return { technology: (await this.store.get(id))!, applied };
  }

  /** Read, decide with the pure domain, write with optimistic concurrency; a replayed cause is a no-op. */
  private async change(
    id: string,
    decide: (t: Technology, now: string) => Decision,
    cause: Cause,
  ): Promise<{ technology: Aggregate<Technology>; applied: boolean }> {
    const result = await this.store.mutate(
      id,
      (current) => {
        if (!current) {
          // An event naming a technology supply never had will not start to fit on a retry.
          if (cause.causationEventId) {
            throw new PermanentError(`technology ${id} does not exist`, [{ path: 'data.technologyId', message: 'unknown technology' }]);
          }
          throw new AggregateNotFoundError(TECHNOLOGIES, id);
        }
        const decision = decide(current, this.clock());
        if (decision.state === current && decision.events.length === 0) return null;
        return { next: decision.state, events: this.envelope(decision.state, decision.events) };
      },
      cause.causationEventId ? { causationEventId: cause.causationEventId } : {},
    );
    return { technology: (await this.store.get(id))!, applied: result.applied };
  }

  publish(id: string, cause: Cause = {}) {
    return this.change(id, (t, now) => publish(t, now), cause);
  }

  update(id: string, changes: Partial<TechnologyDescription>, cause: Cause = {}) {
    return this.change(id, (t, now) => update(t, changes, now), cause);
  }

  withdraw(id: string, reason: string, cause: Cause = {}) {
    return this.change(id, (t, now) => withdraw(t, reason, now), cause);
  }

  recordPoc(id: string, resultId: string, result: ValidationResult, cause: Cause = {}) {
    return this.change(id, (t, now) => recordPoc(t, resultId, result, now), cause);
  }

  recordPilot(id: string, resultId: string, result: ValidationResult, cause: Cause = {}) {
    return this.change(id, (t, now) => recordPilot(t, resultId, result, now), cause);
  }

  markTransferred(id: string, contract: SignedContract, cause: Cause = {}) {
    return this.change(id, (t) => markTransferred(t, contract), cause);
  }
}
