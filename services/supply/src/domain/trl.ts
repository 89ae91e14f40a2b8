/**
 * Technology readiness rules. Validation results can only ever move a technology forward: a
 * failed pilot does not un-prove the earlier proof of concept, so TRL never goes down here.
 */
import { stageOfTrl } from '@corridor/contracts';

export type { Stage } from '@corridor/contracts';

export const MIN_TRL = 1;
export const MAX_TRL = 9;

export function isTrl(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_TRL && value <= MAX_TRL;
}

/** research 1–3, development 4–6, commercialization 7–8, industrialization 9 (the contract's rule). */
export const stageOf = stageOfTrl;

/**
 * What a passed validation proves. A proof of concept (概念验证) shows the technology works outside
 * the lab, i.e. at least the start of development (TRL 4); a PoC center may certify more, but a
 * PoC cannot prove anything past development (6). A pilot / scale-up (中试) shows it works at
 * production-like scale, i.e. at least commercialization (TRL 7); a pilot platform may certify up
 * to 9 (ready for mass production).
 */
export const VALIDATION_RULES = {
  poc: { floor: 4, maxCertified: 6 },
  pilot: { floor: 7, maxCertified: 9 },
} as const;

export type ValidationKind = keyof typeof VALIDATION_RULES;

/**
 * TRL after a validation result. `certifiedTrl` is the level the center/platform attests to, if it
 * states one; it is clamped to what that kind of validation can prove.
 */
export function trlAfterValidation(
  current: number,
  kind: ValidationKind,
  passed: boolean,
  certifiedTrl?: number,
): number {
  if (!isTrl(current)) throw new RangeError(`TRL must be an integer 1..9, got ${current}`);
  if (!passed) return current;
  const rule = VALIDATION_RULES[kind];
  const proven = Math.min(Math.max(rule.floor, certifiedTrl ?? rule.floor), rule.maxCertified);
  return Math.min(MAX_TRL, Math.max(current, proven));
}
