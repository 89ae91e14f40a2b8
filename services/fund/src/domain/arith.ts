import { invalid } from './errors';

/**
 * Integer arithmetic for money and ratios. Products of two fen amounts overflow
 * Number.MAX_SAFE_INTEGER long before real fund sizes do, so every multiply-then-divide
 * goes through BigInt and rounds exactly once, in a direction the caller chooses.
 */
export const BP = 10_000;

export type Rounding = 'floor' | 'ceil';

export function assertFen(value: number, field: string, { positive = false } = {}): void {
  if (!Number.isSafeInteger(value) || value < 0) throw invalid(field, 'must be a non-negative integer amount in fen');
  if (positive && value === 0) throw invalid(field, 'must be greater than zero');
}

export function assertBp(value: number, field: string, { min = 0, max = BP } = {}): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer number of basis points between ${min} and ${max}`);
  }
}

/** a × b ÷ c for non-negative integers, rounded as asked; throws if the result is not a safe integer. */
export function mulDiv(a: number | bigint, b: number | bigint, c: number | bigint, rounding: Rounding): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  if (d <= 0n) throw new RangeError('mulDiv: divisor must be positive');
  let q = n / d;
  if (rounding === 'ceil' && q * d !== n) q += 1n;
  if (q > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('mulDiv: result exceeds the safe integer range');
  return Number(q);
}

/**
 * numerator ÷ denominator as basis points (floored) and as a 4-decimal ratio derived from them,
 * so the JSON value and the Prometheus gauge are the same number whatever the caller does.
 * A zero denominator yields null: the ratio is undefined, not zero or infinite.
 */
export function ratio(numerator: number, denominator: number): { bp: number; ratio: number } | null {
  if (denominator === 0) return null;
  const bp = mulDiv(numerator, BP, denominator, 'floor');
  return { bp, ratio: bp / BP };
}

export function minFen(...values: number[]): number {
  return values.reduce((a, b) => (b < a ? b : a));
}
