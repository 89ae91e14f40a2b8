import { defineStateMachine } from '@corridor/service-kit/errors';
import { OnboardingRuleViolation, type Park, occupancy, releasePlace, takePlace } from './park';

export const APPLICATION_KINDS = ['relocation', 'branch', 'spin-off', 'landing'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const APPLICATION_STATUSES = [
  'submitted',
  'under-review',
  'approved',
  'registered',
  'settled',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses that hold a place in the park. */
export const OCCUPYING_STATUSES: readonly ApplicationStatus[] = ['approved', 'registered', 'settled'];

export interface Applicant {
  enterpriseId?: string;
  name: string;
  /** Its 统一社会信用代码 back home (validated at the boundary). */
  creditCode: string;
  /** Where the enterprise comes from: the headline KPI counts settlements by it. */
  originRegion: string;
  originCity?: string;
}

export interface ApplicationRequest {
  parkId: string;
  kind: ApplicationKind;
  contractId?: string;
  technologyId?: string;
  enterprise: Applicant;
  headcount?: number;
  requestedAreaSqm?: number;
  note?: string;
}

export interface LocalEntity {
  name: string;
  /** The new local 统一社会信用代码 (validated at the boundary). */
  creditCode: string;
  region: string;
}

export const REJECTION_CODES = ['capacity-full', 'field-mismatch', 'incomplete', 'other'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Application extends ApplicationRequest {
  id: string;
  parkRegion: string;
  status: ApplicationStatus;
  localEntity?: LocalEntity;
  decision?: { reasonCode?: RejectionCode; reason?: string; decidedAt: string };
  submittedAt: string;
  reviewStartedAt?: string;
  approvedAt?: string;
  registeredAt?: string;
  settledAt?: string;
}

export const APPLICATION_EVENT = {
  submitted: 'corridor.park.application.submitted.v1',
  approved: 'corridor.park.application.approved.v1',
  rejected: 'corridor.park.application.rejected.v1',
  withdrawn: 'corridor.park.application.withdrawn.v1',
  registered: 'corridor.park.enterprise.registered.v1',
  settled: 'corridor.park.enterprise.settled.v1',
} as const;
export type ApplicationEventType = (typeof APPLICATION_EVENT)[keyof typeof APPLICATION_EVENT];

export interface DomainEvent {
  type: ApplicationEventType;
  data: Record<string, unknown>;
}

export interface Decision {
  state: Application;
  /** The park after the decision, when the decision took or released a place. */
  park?: Park;
  events: DomainEvent[];
}

export type ApplicationAction = 'review' | 'approve' | 'reject' | 'withdraw' | 'register' | 'settle';

export const applicationMachine = defineStateMachine<ApplicationStatus, ApplicationAction>(
  'application',
  {
    review: { from: ['submitted'], to: 'under-review' },
    approve: { from: ['under-review'], to: 'approved' },
    reject: { from: ['submitted', 'under-review'], to: 'rejected' },
    withdraw: { from: ['submitted', 'under-review', 'approved'], to: 'withdrawn' },
    register: { from: ['approved'], to: 'registered' },
    settle: { from: ['registered'], to: 'settled' },
  },
  (from, action) => new OnboardingRuleViolation('illegal-transition', `cannot ${action} an application that is ${from}`, 'status'),
);

export function canPerform(status: ApplicationStatus, action: ApplicationAction): boolean {
  return applicationMachine.can(status, action);
}

const guard = (a: Application, action: ApplicationAction): ApplicationStatus => applicationMachine.next(a.status, action);

function checkPark(a: Application, park: Park): void {
  if (park.id !== a.parkId) throw new Error(`park ${park.id} is not the park of application ${a.id}`);
}

function base(a: Application): Record<string, unknown> {
  return {
    applicationId: a.id,
    parkId: a.parkId,
    parkRegion: a.parkRegion,
    kind: a.kind,
    ...(a.contractId !== undefined ? { contractId: a.contractId } : {}),
    enterprise: a.enterprise,
  };
}

export function submit(id: string, req: ApplicationRequest, park: Park, now: string): Decision {
  if (req.parkId !== park.id) throw new Error(`park ${park.id} is not the requested park ${req.parkId}`);
  if (req.kind === 'landing' && req.contractId === undefined) {
    throw new OnboardingRuleViolation('invalid-value', 'a landing application names the signed contract', 'contractId');
  }
  const state: Application = { ...req, id, parkRegion: park.region, status: 'submitted', submittedAt: now };
  const extra = {
    ...(req.technologyId !== undefined ? { technologyId: req.technologyId } : {}),
    ...(req.headcount !== undefined ? { headcount: req.headcount } : {}),
    ...(req.requestedAreaSqm !== undefined ? { requestedAreaSqm: req.requestedAreaSqm } : {}),
  };
  return { state, events: [{ type: APPLICATION_EVENT.submitted, data: { ...base(state), ...extra, submittedAt: now } }] };
}

export function startReview(a: Application, now: string): Decision {
  const status = guard(a, 'review');
  // Review is the park's internal bookkeeping; the event catalogue has no event for it.
  return { state: { ...a, status, reviewStartedAt: now }, events: [] };
}

/** Approval takes one of the park's places: approved + registered + settled never exceed capacity. */
export function approve(a: Application, park: Park, now: string): Decision {
  const status = guard(a, 'approve');
  checkPark(a, park);
  const parkAfter = takePlace(park, a.id);
  const state: Application = { ...a, status, approvedAt: now };
  return {
    state,
    park: parkAfter,
    events: [{ type: APPLICATION_EVENT.approved, data: { ...base(state), occupancy: occupancy(parkAfter), approvedAt: now } }],
  };
}

/** A place reserved by an approval that was interrupted before the application changed is given back. */
export function reject(a: Application, reasonCode: RejectionCode, reason: string, park: Park, now: string): Decision {
  const status = guard(a, 'reject');
  checkPark(a, park);
  const state: Application = { ...a, status, decision: { reasonCode, reason, decidedAt: now } };
  return {
    state,
    ...(park.occupants.includes(a.id) ? { park: releasePlace(park, a.id) } : {}),
    events: [{ type: APPLICATION_EVENT.rejected, data: { ...base(state), reasonCode, reason, rejectedAt: now } }],
  };
}

/** Withdrawing after approval gives the place back. */
export function withdraw(a: Application, reason: string | undefined, park: Park, now: string): Decision {
  const status = guard(a, 'withdraw');
  checkPark(a, park);
  const held = park.occupants.includes(a.id);
  const state: Application = {
    ...a,
    status,
    decision: { ...(reason !== undefined ? { reason } : {}), decidedAt: now },
  };
  return {
    state,
    ...(held ? { park: releasePlace(park, a.id) } : {}),
    events: [
      {
        type: APPLICATION_EVENT.withdrawn,
        data: { ...base(state), ...(reason !== undefined ? { reason } : {}), withdrawnAt: now },
      },
    ],
  };
}

/** The new local registration must be in the park's region: that is what "landing" means. */
export function register(a: Application, entity: Omit<LocalEntity, 'region'>, registeredAt: string): Decision {
  const status = guard(a, 'register');
  const localEntity: LocalEntity = { name: entity.name, creditCode: entity.creditCode, region: a.parkRegion };
  const state: Application = { ...a, status, localEntity, registeredAt };
  return {
    state,
    events: [{ type: APPLICATION_EVENT.registered, data: { ...base(state), localEntity, registeredAt } }],
  };
}

export function settle(a: Application, park: Park, settledAt: string): Decision {
  const status = guard(a, 'settle');
  checkPark(a, park);
  if (!a.localEntity) throw new Error(`application ${a.id} is registered without a local entity`);
  const state: Application = { ...a, status, settledAt };
  return {
    state,
    events: [
      {
        type: APPLICATION_EVENT.settled,
        data: { ...base(state), localEntity: a.localEntity, occupancy: occupancy(park), settledAt },
      },
    ],
  };
}

export interface SignedContractLanding {
  contractId: string;
  technologyId?: string;
  landingParkId: string;
  /** Where the technology and its team come from: the origin the settlement KPIs count. */
  seller: { region: string };
  /** The enterprise that lands: the applicant's name and credit code. */
  buyer: { enterpriseId?: string; name: string; creditCode: string };
}

/**
 * A signed contract naming a landing park applies on the buyer's behalf. The origin is the
 * seller's region: "firms that came to this park from Beijing" counts where the technology came
 * from (coordinator decision, docs/notes/kit-requests.md 11:40), the buyer is the landing vehicle.
 */
export function landingRequest(c: SignedContractLanding): ApplicationRequest {
  const b = c.buyer;
  return {
    parkId: c.landingParkId,
    kind: 'landing',
    contractId: c.contractId,
    ...(c.technologyId !== undefined ? { technologyId: c.technologyId } : {}),
    enterprise: {
      ...(b.enterpriseId !== undefined ? { enterpriseId: b.enterpriseId } : {}),
      name: b.name,
      creditCode: b.creditCode,
      originRegion: c.seller.region,
    },
  };
}
