import { createHash, randomUUID } from 'node:crypto';
import type { ApplicationInput, CorridorEvent, EventType } from '@corridor/contracts';
import {
  type Aggregate,
  AggregateNotFoundError,
  type AggregateStore,
  DuplicateAggregateError,
  eventFactory,
  PermanentError,
} from '@corridor/service-kit';
import {
  type Application,
  type ApplicationRequest,
  type Decision,
  type LocalEntity,
  type Park,
  type ParkDescription,
  type RejectionCode,
  type SignedContractLanding,
  approve,
  landingRequest,
  register,
  registerPark,
  reject,
  settle,
  startReview,
  submit,
  withdraw,
} from './domain';

export const PARKS = 'parks';
export const APPLICATIONS = 'applications';

/**
 * Where a command came from: nothing for an HTTP request, the consumed event's id for a handler
 * (the idempotency key of its effect). Correlation and causation of the events it creates come
 * from the kit's request/event scope (newEvent).
 */
export interface Cause {
  /** ce_id of the event that caused the command */
  causationEventId?: string;
}

const newEvent = eventFactory('park');

/** The landing application of a contract has an id derived from the contract: one contract, one application. */
export function landingApplicationId(contractId: string): string {
  return `landing-${createHash('sha256').update(contractId).digest('hex').slice(0, 24)}`;
}

/** Same id on every redelivery of the same ingest command that named none. */
function idFromEvent(eventId: string): string {
  return `app-${createHash('sha256').update(eventId).digest('hex').slice(0, 24)}`;
}

function request(input: ApplicationInput): ApplicationRequest {
  const { applicationId: _id, ...req } = input;
  return req;
}

/**
 * The use cases of park-onboarding, shared by HTTP routes and event handlers. Approval touches two
 * documents without a transaction: the park's place is reserved first (guarded by the park's
 * version, so two approvals cannot both take the last place), then the application is approved.
 * A crash in between leaves a reservation that a retried approve reuses and reject/withdraw release.
 */
export class OnboardingCommands {
  constructor(
    private readonly parksOf: () => AggregateStore<Park>,
    private readonly applicationsOf: () => AggregateStore<Application>,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  get parks(): AggregateStore<Park> {
    return this.parksOf();
  }

  get applications(): AggregateStore<Application> {
    return this.applicationsOf();
  }

  private envelope(subject: string, region: string, decision: { events: { type: string; data: unknown }[] }): CorridorEvent[] {
    return decision.events.map((e) => newEvent(e.type as EventType, { subject, region, data: e.data as object }));
  }

  private notFound(collection: string, id: string, cause: Cause, path: string): Error {
    // An event naming something this service never had will not start to fit on a retry.
    return cause.causationEventId
      ? new PermanentError(`${collection}/${id} does not exist`, [{ path, message: `unknown ${collection.replace(/s$/, '')}` }])
      : new AggregateNotFoundError(collection, id);
  }

  async registerPark(input: ParkDescription & { parkId?: string }): Promise<Aggregate<Park>> {
    const { parkId, ...description } = input;
    const id = parkId ?? randomUUID();
    const decision = registerPark(id, description, this.clock());
    await this.parks.insert({ ...decision.state, _id: id }, this.envelope(id, decision.state.region, decision));
    return (await this.parks.get(id))!;
  }

  async submit(input: ApplicationInput, cause: Cause = {}): Promise<{ application: Aggregate<Application>; applied: boolean }> {
    const id = input.applicationId ?? (cause.causationEventId ? idFromEvent(cause.causationEventId) : randomUUID());
    return this.open(id, request(input), cause);
  }

  /** A signed contract that names a park applies on the buyer's behalf, once per contract. */
  async openLanding(contract: SignedContractLanding, cause: Cause): Promise<{ application: Aggregate<Application>; applied: boolean }> {
    return this.open(landingApplicationId(contract.contractId), landingRequest(contract), cause, true);
  }

  private async open(
    id: string,
    req: ApplicationRequest,
    cause: Cause,
    sameIdMeansSame = false,
  ): Promise<{ application: Aggregate<Application>; applied: boolean }> {
    const park = await this.parks.get(req.parkId);
    if (!park) throw this.notFound(PARKS, req.parkId, cause, cause.causationEventId ? 'data.parkId' : 'parkId');
    const decision = submit(id, req, park, this.clock());
    try {
      const { applied } = await this.applications.insert(
        { ...decision.state, _id: id },
        this.envelope(id, park.region, decision),
        cause.causationEventId ? { causationEventId: cause.causationEventId } : {},
      );
      return { application: (await this.applications.get(id))!, applied };
    } catch (err) {
      if (err instanceof DuplicateAggregateError) {
        // The landing of a contract already has its application, whichever event opened it.
        if (sameIdMeansSame) return { application: (await this.applications.get(id))!, applied: false };
        if (cause.causationEventId) {
          throw new PermanentError(`application ${id} already exists`, [{ path: 'data.applicationId', message: 'already exists' }]);
        }
      }
      throw err;
    }
  }

  /** One-document transitions of an application; a replayed cause is a no-op. */
  private async change(
    id: string,
    decide: (a: Application, now: string) => Decision,
    cause: Cause = {},
  ): Promise<{ application: Aggregate<Application>; applied: boolean }> {
    const result = await this.applications.mutate(
      id,
      (current) => {
        if (!current) throw this.notFound(APPLICATIONS, id, cause, 'id');
        const decision = decide(current, this.clock());
        return { next: decision.state, events: this.envelope(id, current.parkRegion, decision) };
      },
      cause.causationEventId ? { causationEventId: cause.causationEventId } : {},
    );
    return { application: (await this.applications.get(id))!, applied: result.applied };
  }

  private async loadApplication(id: string): Promise<Aggregate<Application>> {
    const a = await this.applications.get(id);
    if (!a) throw new AggregateNotFoundError(APPLICATIONS, id);
    return a;
  }

  /** Changes the park's occupants with optimistic concurrency, re-deciding on a clash. */
  private async updatePark(parkId: string, decide: (p: Park) => Park | undefined): Promise<Park> {
    let after: Park | undefined;
    await this.parks.mutate(parkId, (current) => {
      if (!current) throw new AggregateNotFoundError(PARKS, parkId);
      after = decide(current);
      return after && after !== current ? { next: after, events: [] } : null;
    });
    return after ?? (await this.parks.get(parkId))!;
  }

  review(id: string, cause: Cause = {}) {
    return this.change(id, (a, now) => startReview(a, now), cause);
  }

  async approve(id: string, cause: Cause = {}) {
    const app = await this.loadApplication(id);
    // Reserve first: the domain refuses here when the park is exactly full.
    const park = await this.updatePark(app.parkId, (p) => approve(app, p, this.clock()).park);
    return this.change(id, (a, now) => approve(a, park, now), cause);
  }

  async reject(id: string, reasonCode: RejectionCode, reason: string, cause: Cause = {}) {
    const app = await this.loadApplication(id);
    const park = (await this.parks.get(app.parkId))!;
    const result = await this.change(id, (a, now) => reject(a, reasonCode, reason, park, now), cause);
    await this.updatePark(app.parkId, (p) => reject(app, reasonCode, reason, p, this.clock()).park);
    return result;
  }

  async withdraw(id: string, reason: string | undefined, cause: Cause = {}) {
    const app = await this.loadApplication(id);
    const park = (await this.parks.get(app.parkId))!;
    const result = await this.change(id, (a, now) => withdraw(a, reason, park, now), cause);
    // Released after the application left its place-holding status, never before: the reverse
    // order could approve a newcomer while this one still counts as approved.
    await this.updatePark(app.parkId, (p) => withdraw(app, reason, p, this.clock()).park);
    return result;
  }

  register(id: string, entity: Omit<LocalEntity, 'region'>, registeredAt: string | undefined, cause: Cause = {}) {
    return this.change(id, (a, now) => register(a, entity, registeredAt ?? now), cause);
  }

  async settle(id: string, settledAt: string | undefined, cause: Cause = {}) {
    const app = await this.loadApplication(id);
    const park = (await this.parks.get(app.parkId))!;
    return this.change(id, (a, now) => settle(a, park, settledAt ?? now), cause);
  }
}
