import { BP, assertBp, assertFen } from './arith';
import { DomainError, invalid } from './errors';

export const INSTRUMENTS = ['equity', 'grant-to-equity', 'invest-first-equity-later'] as const;
/** equity: plain equity; grant-to-equity: 拨投结合; invest-first-equity-later: 先投后股. */
export type Instrument = (typeof INSTRUMENTS)[number];
export const CONVERTIBLE: readonly Instrument[] = ['grant-to-equity', 'invest-first-equity-later'];

export const INVESTMENT_STATUSES = ['committed', 'disbursed', 'converted'] as const;
export type InvestmentStatus = (typeof INVESTMENT_STATUSES)[number];

export interface ConversionTerms {
  /** Discount on the round price, in basis points (e.g. 2000 = 20 % off). */
  discountBasisPoints?: number;
  /** Valuation cap on the pre-money valuation, in fen. */
  valuationCapFen?: number;
}

export interface PricedRound {
  roundName: string;
  preMoneyValuationFen: number;
  postMoneyValuationFen: number;
}

export interface EnterpriseRef {
  creditCode: string;
  name: string;
  region: string;
  city?: string;
  enterpriseId?: string;
}

export interface Conversion {
  equityBasisPoints: number;
  /** Which price the grant converted at: the round's own, the discounted one, or the cap. */
  priceBasis: 'round' | 'discount' | 'cap';
  /** The pre-money valuation the grant effectively bought at, floored to whole fen (informational). */
  effectivePreMoneyFen: number;
  round: PricedRound;
}

export interface InvestmentState {
  id: string;
  fundId: string;
  region: string;
  enterprise: EnterpriseRef;
  instrument: Instrument;
  amountFen: number;
  /** Paid out so far, in tranches; reaches amountFen before a grant may convert. */
  disbursedFen: number;
  status: InvestmentStatus;
  /** Known at commitment for equity, at conversion for convertible instruments. */
  equityBasisPoints?: number;
  conversionTerms?: ConversionTerms;
  conversion?: Conversion;
}

export interface CommitTerms {
  enterprise: EnterpriseRef;
  instrument: Instrument;
  amountFen: number;
  equityBasisPoints?: number;
  conversionTerms?: ConversionTerms;
}

export function commitInvestment(id: string, fund: { id: string; region: string }, terms: CommitTerms): InvestmentState {
  assertFen(terms.amountFen, 'amountFen', { positive: true });
  const convertible = CONVERTIBLE.includes(terms.instrument);
  if (terms.instrument === 'equity') {
    if (terms.equityBasisPoints === undefined) throw invalid('equityBasisPoints', 'an equity investment must state the stake it buys');
    assertBp(terms.equityBasisPoints, 'equityBasisPoints', { min: 1 });
    if (terms.conversionTerms) throw invalid('conversionTerms', 'only grant-to-equity and invest-first-equity-later convert');
  } else if (terms.equityBasisPoints !== undefined) {
    throw invalid('equityBasisPoints', 'a convertible grant gets its stake at conversion, not at commitment');
  }
  if (convertible && terms.conversionTerms) {
    const { discountBasisPoints, valuationCapFen } = terms.conversionTerms;
    // A 100 % discount would be a zero price and an infinite stake.
    if (discountBasisPoints !== undefined) assertBp(discountBasisPoints, 'conversionTerms.discountBasisPoints', { max: BP - 1 });
    if (valuationCapFen !== undefined) assertFen(valuationCapFen, 'conversionTerms.valuationCapFen', { positive: true });
  }
  return {
    id,
    fundId: fund.id,
    region: fund.region,
    enterprise: terms.enterprise,
    instrument: terms.instrument,
    amountFen: terms.amountFen,
    disbursedFen: 0,
    status: 'committed',
    ...(terms.equityBasisPoints !== undefined ? { equityBasisPoints: terms.equityBasisPoints } : {}),
    ...(convertible && terms.conversionTerms ? { conversionTerms: terms.conversionTerms } : {}),
  };
}

/**
 * committed → disbursed (first tranche; further tranches keep it there) → converted (only
 * convertible grants, only once fully paid out: a stake is never bought with unpaid money).
 */
export function canTransition(
  inv: Pick<InvestmentState, 'status' | 'instrument' | 'amountFen' | 'disbursedFen'>,
  to: InvestmentStatus,
): boolean {
  switch (to) {
    case 'committed':
      return false;
    case 'disbursed':
      return inv.status !== 'converted' && inv.disbursedFen < inv.amountFen;
    case 'converted':
      return CONVERTIBLE.includes(inv.instrument) && inv.status === 'disbursed' && inv.disbursedFen === inv.amountFen;
  }
}

function assertTransition(inv: InvestmentState, to: InvestmentStatus): void {
  if (canTransition(inv, to)) return;
  let why = `cannot go from ${inv.status} to ${to}`;
  if (to === 'converted' && !CONVERTIBLE.includes(inv.instrument)) why = `a ${inv.instrument} investment does not convert`;
  else if (to === 'converted' && inv.status === 'disbursed') why = `only ${inv.disbursedFen} of ${inv.amountFen} fen is disbursed; a grant converts once fully paid`;
  else if (to === 'disbursed' && inv.status !== 'converted') why = 'the commitment is already fully disbursed';
  throw new DomainError('illegal-transition', `investment ${inv.id}: ${why}`, 'status');
}

/** Pays out a tranche; without an amount, whatever is left of the commitment. */
export function disburse<T extends InvestmentState>(inv: T, trancheFen: number = inv.amountFen - inv.disbursedFen): T {
  assertTransition(inv, 'disbursed');
  assertFen(trancheFen, 'trancheFen', { positive: true });
  const left = inv.amountFen - inv.disbursedFen;
  if (trancheFen > left) throw invalid('trancheFen', `only ${left} fen of the commitment is left to disburse`);
  return { ...inv, status: 'disbursed', disbursedFen: inv.disbursedFen + trancheFen };
}

/**
 * The stake a grant of `amountFen` converts into at a priced round.
 *
 * The grant buys as if it had been invested in the round at the best of three prices — the
 * round's, the round's less the discount, and the cap (a cap bounds the pre-money valuation) —
 * and its stake is measured against the round's post-money valuation:
 *
 *   equityBasisPoints = ⌊ amount × pre × 10 000 ÷ (effectivePre × post) ⌋
 *
 * which is ⌊ amount × 10 000 ÷ post ⌋ at the round price. All of it is exact integer (BigInt)
 * arithmetic with a single floor at the end: a stake is never rounded up past what was paid for.
 */
export function conversionEquity(amountFen: number, round: PricedRound, terms: ConversionTerms = {}): Conversion {
  assertFen(amountFen, 'amountFen', { positive: true });
  assertFen(round.preMoneyValuationFen, 'round.preMoneyValuationFen', { positive: true });
  assertFen(round.postMoneyValuationFen, 'round.postMoneyValuationFen', { positive: true });
  if (round.postMoneyValuationFen < round.preMoneyValuationFen) {
    throw invalid('round.postMoneyValuationFen', 'post-money valuation cannot be below the pre-money valuation');
  }
  const pre = BigInt(round.preMoneyValuationFen);
  const post = BigInt(round.postMoneyValuationFen);
  const amount = BigInt(amountFen);
  const bp = BigInt(BP);

  // Each candidate is the effective pre-money valuation as a fraction num/den; the lowest wins.
  type Candidate = { basis: Conversion['priceBasis']; num: bigint; den: bigint };
  const candidates: Candidate[] = [{ basis: 'round', num: pre, den: 1n }];
  if (terms.discountBasisPoints !== undefined && terms.discountBasisPoints > 0) {
    candidates.push({ basis: 'discount', num: pre * (bp - BigInt(terms.discountBasisPoints)), den: bp });
  }
  if (terms.valuationCapFen !== undefined) {
    candidates.push({ basis: 'cap', num: BigInt(terms.valuationCapFen), den: 1n });
  }
  // Strictly lower only, so ties keep the earlier (simpler) basis.
  const best = candidates.reduce((a, b) => (b.num * a.den < a.num * b.den ? b : a));

  // amount × pre × 10 000 ÷ ((num / den) × post)
  const equity = (amount * pre * bp * best.den) / (best.num * post);
  if (equity > bp) {
    throw invalid('round', `the conversion would exceed 100 % of the company (${equity} bp); check the valuations`);
  }
  return {
    equityBasisPoints: Number(equity),
    priceBasis: best.basis,
    effectivePreMoneyFen: Number(best.num / best.den),
    round,
  };
}

export function convert<T extends InvestmentState>(inv: T, round: PricedRound): T {
  assertTransition(inv, 'converted');
  const conversion = conversionEquity(inv.amountFen, round, inv.conversionTerms);
  return { ...inv, status: 'converted', equityBasisPoints: conversion.equityBasisPoints, conversion };
}
