import { BP, assertBp, assertFen, mulDiv, ratio } from './arith';
import { DomainError, invalid } from './errors';

export const FUND_KINDS = ['mother', 'sub', 'seed', 'angel', 'poc'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

export interface FundTerms {
  name: string;
  kind: FundKind;
  region: string;
  /** A sub-fund belongs to a mother fund; no other kind has a parent. */
  parentFundId?: string;
  manager: { name: string; creditCode?: string };
  governmentCommitmentFen: number;
  totalSizeFen: number;
  /**
   * 返投 ratio relative to the government commitment, in basis points (15 000 = 1.5× the
   * government money), as in the public `fund.established` contract and common practice.
   */
  reinvestmentRatioBasisPoints: number;
}

/** 返投 ratios above 10× the government money are not a real policy; they are typos. */
export const MAX_REINVESTMENT_RATIO_BP = 100_000;

export interface FundState extends FundTerms {
  id: string;
  /** Sum of all commitments made by this fund (commitments are never released in v1). */
  committedFen: number;
}

/** Checks the terms of a new fund; `parent` is the referenced mother fund when `parentFundId` is set. */
export function establishFund(id: string, terms: FundTerms, parent?: Pick<FundState, 'kind'> | null): FundState {
  assertFen(terms.totalSizeFen, 'totalSizeFen', { positive: true });
  assertFen(terms.governmentCommitmentFen, 'governmentCommitmentFen', { positive: true });
  if (terms.governmentCommitmentFen > terms.totalSizeFen) {
    throw invalid('governmentCommitmentFen', 'government commitment cannot exceed the total fund size');
  }
  assertBp(terms.reinvestmentRatioBasisPoints, 'reinvestmentRatioBasisPoints', { max: MAX_REINVESTMENT_RATIO_BP });
  // Commitments are bounded by the size, so a larger requirement could never be met.
  if (reinvestmentRequiredFen(terms) > terms.totalSizeFen) {
    throw invalid('reinvestmentRatioBasisPoints', 'the 返投 requirement cannot exceed the total fund size');
  }
  if (terms.kind === 'sub') {
    if (!terms.parentFundId) throw invalid('parentFundId', 'a sub-fund must name its mother fund');
    if (!parent) throw new DomainError('not-found', `mother fund ${terms.parentFundId} does not exist`, 'parentFundId');
    if (parent.kind !== 'mother') throw invalid('parentFundId', 'the parent of a sub-fund must be a mother fund');
  } else if (terms.parentFundId) {
    throw invalid('parentFundId', 'only a sub-fund has a parent fund');
  }
  return { ...terms, id, committedFen: 0 };
}

/** Leverage (放大倍数) = total size ÷ government money, floored to 4 decimals. */
export function leverage(fund: Pick<FundState, 'totalSizeFen' | 'governmentCommitmentFen'>): { bp: number; ratio: number } {
  // establishFund guarantees a positive government commitment, so the ratio is always defined.
  return ratio(fund.totalSizeFen, fund.governmentCommitmentFen) ?? { bp: 0, ratio: 0 };
}

export function remainingFen(fund: Pick<FundState, 'totalSizeFen' | 'committedFen'>): number {
  return fund.totalSizeFen - fund.committedFen;
}

/** Reserves `amountFen` of the fund's size; refuses anything beyond what is left. */
export function reserveCommitment<T extends FundState>(fund: T, amountFen: number): T {
  assertFen(amountFen, 'amountFen', { positive: true });
  const left = remainingFen(fund);
  if (amountFen > left) {
    throw new DomainError(
      'exceeds-fund-size',
      `commitment of ${amountFen} fen exceeds the fund's remaining size of ${left} fen`,
      'amountFen',
    );
  }
  return { ...fund, committedFen: fund.committedFen + amountFen };
}

/** The 返投 target in fen; rounded up because a requirement is met only by the full amount. */
export function reinvestmentRequiredFen(fund: Pick<FundState, 'governmentCommitmentFen' | 'reinvestmentRatioBasisPoints'>): number {
  return mulDiv(fund.governmentCommitmentFen, fund.reinvestmentRatioBasisPoints, BP, 'ceil');
}
