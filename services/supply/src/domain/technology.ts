import type { INSTITUTION_KINDS, TECHNOLOGY_STATUSES, TransferMode } from '@corridor/contracts';
import { PermanentError } from '@corridor/service-kit/errors';
import { type Stage, type ValidationKind, isTrl, stageOf, trlAfterValidation } from './trl';

// Value sets are the contract's, so the domain cannot drift from what events and the API accept.
export { INSTITUTION_KINDS, TECHNOLOGY_STATUSES, TRANSFER_MODES, type TransferMode } from '@corridor/contracts';
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export type TechnologyStatus = (typeof TECHNOLOGY_STATUSES)[number];

export interface Patent {
  number: string;
  title: string;
}

export interface Owner {
  institutionId: string;
  name: string;
  kind: InstitutionKind;
  creditCode?: string;
  region: string;
}

/** What the owner describes; everything else on a technology is derived or recorded by the platform. */
export interface TechnologyDescription {
  title: string;
  summary: string;
  field: string;
  keywords: string[];
  owner: Owner;
  region: string;
  city?: string;
  trl: number;
  patents: Patent[];
  transferModes: TransferMode[];
  askingPriceFen: number;
}

export interface ValidationResult {
  /** Who ran it: the PoC center (概念验证中心) or the pilot platform (中试平台). */
  center: { id: string; name: string; region: string };
  passed: boolean;
  /** The level the center attests to, if it states one (clamped to what the validation can prove). */
  certifiedTrl?: number;
  reportSummary: string;
  costFen?: number;
  /** Pilot runs only. */
  batchSize?: number;
  yieldBasisPoints?: number;
  completedAt: string;
}

export interface ValidationRecord extends ValidationResult {
  id: string;
  trlBefore: number;
  trlAfter: number;
  recordedAt: string;
}

export interface Technology extends TechnologyDescription {
  id: string;
  stage: Stage;
  status: TechnologyStatus;
  pocResults: ValidationRecord[];
  pilotResults: ValidationRecord[];
  transfer?: {
    contractId: string;
    contractType: string;
    valueFen: number;
    buyer: { name: string; region: string };
    transferredAt: string;
  };
  withdrawal?: { reason: string; withdrawnAt: string };
  publishedAt?: string;
}

export const TECHNOLOGY_EVENT = {
  published: 'corridor.supply.technology.published.v1',
  updated: 'corridor.supply.technology.updated.v1',
  withdrawn: 'corridor.supply.technology.withdrawn.v1',
  pocCompleted: 'corridor.supply.technology.poc-completed.v1',
  pilotCompleted: 'corridor.supply.technology.pilot-completed.v1',
  transferred: 'corridor.supply.technology.transferred.v1',
} as const;
export type TechnologyEventType = (typeof TECHNOLOGY_EVENT)[keyof typeof TECHNOLOGY_EVENT];

/** An event the domain decided on; the adapter wraps it in the CloudEvents envelope. */
export interface DomainEvent {
  type: TechnologyEventType;
  data: Record<string, unknown>;
}

export interface Decision {
  state: Technology;
  events: DomainEvent[];
}

/**
 * A domain rule refused a command. Never worth retrying: consumers dead-letter it at once (and tell
 * an agency why), HTTP answers 422 naming the field. The kit's errors entry point has no I/O imports.
 */
export class TechnologyRuleViolation extends PermanentError {
  constructor(
    readonly code: 'illegal-transition' | 'invalid-value',
    message: string,
    readonly field?: string,
  ) {
    super(message, [{ ...(field ? { path: field } : {}), message }]);
  }
}

export type TechnologyAction = 'publish' | 'update' | 'withdraw' | 'transfer' | 'record-poc' | 'record-pilot';

/** Which actions each status accepts; `withdrawn` and `transferred` are final. */
const ALLOWED: Record<TechnologyStatus, readonly TechnologyAction[]> = {
  draft: ['publish', 'update', 'withdraw', 'record-poc', 'record-pilot'],
  published: ['update', 'withdraw', 'transfer', 'record-poc', 'record-pilot'],
  transferred: [],
  withdrawn: [],
};

export function canPerform(status: TechnologyStatus, action: TechnologyAction): boolean {
  return ALLOWED[status].includes(action);
}

function guard(t: Technology, action: TechnologyAction): void {
  if (!canPerform(t.status, action)) {
    throw new TechnologyRuleViolation(
      'illegal-transition',
      `cannot ${action} a technology that is ${t.status}`,
      'status',
    );
  }
}

function checkDescription(d: Partial<TechnologyDescription>): void {
  if (d.trl !== undefined && !isTrl(d.trl)) {
    throw new TechnologyRuleViolation('invalid-value', 'TRL must be an integer from 1 to 9', 'trl');
  }
  if (d.askingPriceFen !== undefined && !(Number.isSafeInteger(d.askingPriceFen) && d.askingPriceFen >= 0)) {
    throw new TechnologyRuleViolation('invalid-value', 'asking price must be a non-negative integer in fen', 'askingPriceFen');
  }
  if (d.transferModes !== undefined && d.transferModes.length === 0) {
    throw new TechnologyRuleViolation('invalid-value', 'offer at least one transfer mode', 'transferModes');
  }
}

/** The public picture of a technology that consumers (demand's catalogue, fund) project. */
export function snapshot(t: Technology): Record<string, unknown> {
  return {
    technologyId: t.id,
    title: t.title,
    summary: t.summary,
    field: t.field,
    keywords: t.keywords,
    owner: t.owner,
    region: t.region,
    ...(t.city !== undefined ? { city: t.city } : {}),
    trl: t.trl,
    stage: t.stage,
    patents: t.patents,
    transferModes: t.transferModes,
    askingPriceFen: t.askingPriceFen,
    status: t.status,
  };
}

function normalised(d: TechnologyDescription): TechnologyDescription {
  return { ...d, keywords: [...new Set(d.keywords)], transferModes: [...new Set(d.transferModes)] };
}

export function createDraft(id: string, d: TechnologyDescription): Technology {
  checkDescription(d);
  return {
    ...normalised(d),
    id,
    stage: stageOf(d.trl),
    status: 'draft',
    pocResults: [],
    pilotResults: [],
  };
}

export function publish(t: Technology, now: string): Decision {
  guard(t, 'publish');
  const state: Technology = { ...t, status: 'published', publishedAt: now };
  return { state, events: [{ type: TECHNOLOGY_EVENT.published, data: { ...snapshot(state), publishedAt: now } }] };
}

const DESCRIPTION_KEYS = [
  'title',
  'summary',
  'field',
  'keywords',
  'owner',
  'region',
  'city',
  'trl',
  'patents',
  'transferModes',
  'askingPriceFen',
] as const satisfies readonly (keyof TechnologyDescription)[];

/** Editing a draft is silent; editing a published technology tells the catalogue what changed. */
export function update(t: Technology, changes: Partial<TechnologyDescription>, now: string): Decision {
  guard(t, 'update');
  if (changes.region !== undefined && changes.region !== t.region) {
    // The region decides who may write the record and is part of every KPI; moving it is a new record.
    throw new TechnologyRuleViolation('invalid-value', 'the region of a technology cannot change', 'region');
  }
  checkDescription(changes);
  const before: TechnologyDescription = t;
  const after = normalised({ ...before, ...changes });
  const changedFields = DESCRIPTION_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changedFields.length === 0) return { state: t, events: [] };
  const state: Technology = { ...t, ...after, stage: stageOf(after.trl) };
  const events: DomainEvent[] =
    t.status === 'published'
      ? [{ type: TECHNOLOGY_EVENT.updated, data: { ...snapshot(state), changedFields, updatedAt: now } }]
      : [];
  return { state, events };
}

export function withdraw(t: Technology, reason: string, now: string): Decision {
  guard(t, 'withdraw');
  const wasPublished = t.status === 'published';
  const state: Technology = { ...t, status: 'withdrawn', withdrawal: { reason, withdrawnAt: now } };
  // Nobody outside ever saw a draft, so discarding one is not news.
  const events: DomainEvent[] = wasPublished
    ? [{ type: TECHNOLOGY_EVENT.withdrawn, data: { technologyId: t.id, region: t.region, reason, withdrawnAt: now } }]
    : [];
  return { state, events };
}

export interface SignedContract {
  contractId: string;
  type: string;
  valueFen: number;
  buyer: { name: string; region: string };
  signedAt: string;
}

/**
 * A signed contract transfers the technology. Delivered twice, the second delivery finds the same
 * contract already recorded and decides nothing (no state change, no event).
 */
export function markTransferred(t: Technology, c: SignedContract): Decision {
  if (t.status === 'transferred' && t.transfer?.contractId === c.contractId) return { state: t, events: [] };
  guard(t, 'transfer');
  const transfer = {
    contractId: c.contractId,
    contractType: c.type,
    valueFen: c.valueFen,
    buyer: { name: c.buyer.name, region: c.buyer.region },
    transferredAt: c.signedAt,
  };
  const state: Technology = { ...t, status: 'transferred', transfer };
  return {
    state,
    events: [
      {
        type: TECHNOLOGY_EVENT.transferred,
        data: {
          technologyId: t.id,
          contractId: c.contractId,
          region: t.region,
          buyerName: c.buyer.name,
          buyerRegion: c.buyer.region,
          contractType: c.type,
          valueFen: c.valueFen,
          transferredAt: c.signedAt,
        },
      },
    ],
  };
}

function recordValidation(
  t: Technology,
  kind: ValidationKind,
  recordId: string,
  r: ValidationResult,
  now: string,
): Decision {
  guard(t, kind === 'poc' ? 'record-poc' : 'record-pilot');
  if (r.certifiedTrl !== undefined && !isTrl(r.certifiedTrl)) {
    throw new TechnologyRuleViolation('invalid-value', 'certified TRL must be an integer from 1 to 9', 'certifiedTrl');
  }
  const list = kind === 'poc' ? t.pocResults : t.pilotResults;
  if (list.some((x) => x.id === recordId)) return { state: t, events: [] };
  const trlAfter = trlAfterValidation(t.trl, kind, r.passed, r.certifiedTrl);
  const record: ValidationRecord = { ...r, id: recordId, trlBefore: t.trl, trlAfter, recordedAt: now };
  const state: Technology = {
    ...t,
    trl: trlAfter,
    stage: stageOf(trlAfter),
    ...(kind === 'poc' ? { pocResults: [...t.pocResults, record] } : { pilotResults: [...t.pilotResults, record] }),
  };
  const common = {
    technologyId: t.id,
    region: t.region,
    passed: r.passed,
    trlBefore: t.trl,
    trlAfter,
    stageAfter: state.stage,
    reportSummary: r.reportSummary,
    ...(r.costFen !== undefined ? { costFen: r.costFen } : {}),
    completedAt: r.completedAt,
  };
  const event: DomainEvent =
    kind === 'poc'
      ? {
          type: TECHNOLOGY_EVENT.pocCompleted,
          data: { ...common, pocCenterId: r.center.id, pocCenterName: r.center.name, pocCenterRegion: r.center.region },
        }
      : {
          type: TECHNOLOGY_EVENT.pilotCompleted,
          data: {
            ...common,
            pilotPlatformId: r.center.id,
            pilotPlatformName: r.center.name,
            pilotPlatformRegion: r.center.region,
            ...(r.batchSize !== undefined ? { batchSize: r.batchSize } : {}),
            ...(r.yieldBasisPoints !== undefined ? { yieldBasisPoints: r.yieldBasisPoints } : {}),
          },
        };
  return { state, events: [event] };
}

export function recordPoc(t: Technology, resultId: string, r: ValidationResult, now: string): Decision {
  return recordValidation(t, 'poc', resultId, r, now);
}

export function recordPilot(t: Technology, resultId: string, r: ValidationResult, now: string): Decision {
  return recordValidation(t, 'pilot', resultId, r, now);
}
