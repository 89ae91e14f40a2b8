import { DomainRuleViolation } from './errors';
import { assertFen } from './money';
import { defineStateMachine } from './state-machine';

/** Ways a technology can change hands (DESIGN §3 supply); a need lists those the enterprise accepts. */
export const TRANSFER_MODES = ['transfer', 'license', 'equity-in-kind', 'use-first-pay-later', 'co-development'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export type NeedStatus = 'published' | 'closed';
export type NeedOutcome = 'fulfilled' | 'withdrawn' | 'expired';

export const needMachine = defineStateMachine<NeedStatus, 'close'>('need', {
  close: { from: ['published'], to: 'closed' },
});

export interface Enterprise {
  enterpriseId?: string;
  name: string;
  /** 统一社会信用代码, checked against its check character at the edge (contracts' creditCodeSchema). */
  creditCode: string;
  region: string;
  city?: string;
}

export interface NeedInput {
  enterprise: Enterprise;
  title: string;
  field: string;
  problem: string;
  keywords: string[];
  budgetFen: number;
  /** ISO date (YYYY-MM-DD) by which the enterprise wants the problem solved. */
  deadline: string;
  acceptableModes: TransferMode[];
  /** Lowest technology readiness the enterprise can absorb; absent means "ready to industrialise" (7). */
  minTrl?: number;
}

export interface Need extends NeedInput {
  demandId: string;
  region: string;
  minTrl: number;
  status: NeedStatus;
  publishedAt: string;
  closedAt?: string;
  outcome?: NeedOutcome;
  contractId?: string;
  closeReason?: string;
}

export const DEFAULT_MIN_TRL = 7;

/** Keywords compare case- and width-insensitively, so "AI" and "ａｉ" are one keyword. */
export function normaliseKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of keywords) {
    const k = raw.normalize('NFKC').trim().toLowerCase();
    if (k) seen.add(k);
  }
  return [...seen];
}

export function publishNeed(demandId: string, input: NeedInput, now: Date): Need {
  assertFen(input.budgetFen, 'budgetFen');
  const deadline = Date.parse(`${input.deadline}T23:59:59.999Z`);
  if (Number.isNaN(deadline)) {
    throw new DomainRuleViolation('invalid-deadline', 'deadline must be a date (YYYY-MM-DD)', 'deadline');
  }
  if (deadline < now.getTime()) {
    throw new DomainRuleViolation('deadline-passed', 'deadline must not be in the past', 'deadline');
  }
  const keywords = normaliseKeywords(input.keywords);
  if (keywords.length === 0) {
    throw new DomainRuleViolation('no-keywords', 'at least one non-blank keyword is required', 'keywords');
  }
  const acceptableModes = [...new Set(input.acceptableModes)];
  if (acceptableModes.length === 0) {
    throw new DomainRuleViolation('no-modes', 'at least one acceptable transfer mode is required', 'acceptableModes');
  }
  const minTrl = input.minTrl ?? DEFAULT_MIN_TRL;
  if (!Number.isInteger(minTrl) || minTrl < 1 || minTrl > 9) {
    throw new DomainRuleViolation('invalid-trl', 'minTrl must be an integer from 1 to 9', 'minTrl');
  }
  return {
    ...input,
    demandId,
    region: input.enterprise.region,
    keywords,
    acceptableModes,
    minTrl,
    status: 'published',
    publishedAt: now.toISOString(),
  };
}

export function closeNeed(
  need: Need,
  close: { outcome: NeedOutcome; contractId?: string; reason?: string },
  now: Date,
): Need {
  const status = needMachine.next(need.status, 'close');
  if (close.outcome === 'fulfilled' && !close.contractId) {
    throw new DomainRuleViolation('fulfilled-without-contract', 'a fulfilled need names the contract that fulfilled it', 'contractId');
  }
  return { ...need, status, closedAt: now.toISOString(), outcome: close.outcome, contractId: close.contractId, closeReason: close.reason };
}
