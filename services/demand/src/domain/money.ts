import { DomainRuleViolation } from './errors';

/** Money is CNY in integer fen; anything else is refused rather than rounded silently. */
export function assertFen(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainRuleViolation('invalid-amount', `${field} must be a non-negative integer amount of fen`, field);
  }
  return value;
}

/**
 * How the technology manager (技术经理人) is paid. Basis points of the contract value is the usual
 * rule; the optional floor and cap mirror brokerage agreements ("3%, at least ¥5,000, at most ¥200,000").
 */
export type CommissionRule =
  | { kind: 'basis-points'; basisPoints: number; minFen?: number; maxFen?: number }
  | { kind: 'fixed'; amountFen: number };

const BASIS_POINTS_PER_UNIT = 10_000n;

export function validateCommissionRule(rule: CommissionRule, field = 'commission'): CommissionRule {
  if (rule.kind === 'fixed') {
    assertFen(rule.amountFen, `${field}.amountFen`);
    return rule;
  }
  if (!Number.isInteger(rule.basisPoints) || rule.basisPoints < 0 || rule.basisPoints > 10_000) {
    throw new DomainRuleViolation(
      'invalid-commission',
      'basisPoints must be an integer between 0 and 10000 (0%–100%)',
      `${field}.basisPoints`,
    );
  }
  if (rule.minFen !== undefined) assertFen(rule.minFen, `${field}.minFen`);
  if (rule.maxFen !== undefined) assertFen(rule.maxFen, `${field}.maxFen`);
  if (rule.minFen !== undefined && rule.maxFen !== undefined && rule.minFen > rule.maxFen) {
    throw new DomainRuleViolation('invalid-commission', 'minFen must not exceed maxFen', `${field}.minFen`);
  }
  return rule;
}

/**
 * Commission in whole fen. Basis points are applied in BigInt so values near
 * Number.MAX_SAFE_INTEGER cannot lose precision, and the half fen rounds up (四舍五入), the
 * convention of Chinese invoices. The result never exceeds the contract value: a manager cannot
 * be owed more than the deal is worth.
 */
export function computeCommissionFen(valueFen: number, rule: CommissionRule, field = 'commission'): number {
  assertFen(valueFen, 'valueFen');
  validateCommissionRule(rule, field);
  let fen: number;
  if (rule.kind === 'fixed') {
    fen = rule.amountFen;
  } else {
    const numerator = BigInt(valueFen) * BigInt(rule.basisPoints);
    const quotient = numerator / BASIS_POINTS_PER_UNIT;
    const remainder = numerator % BASIS_POINTS_PER_UNIT;
    fen = Number(remainder * 2n >= BASIS_POINTS_PER_UNIT ? quotient + 1n : quotient);
    if (rule.minFen !== undefined) fen = Math.max(fen, rule.minFen);
    if (rule.maxFen !== undefined) fen = Math.min(fen, rule.maxFen);
  }
  if (fen > valueFen) {
    throw new DomainRuleViolation(
      'commission-exceeds-value',
      `commission of ${fen} fen exceeds the contract value of ${valueFen} fen`,
      field,
    );
  }
  return fen;
}
