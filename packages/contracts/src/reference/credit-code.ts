import { z } from 'zod';

// GB 32100-2015 统一社会信用代码: 18 characters from a 31-symbol alphabet (no I, O, Z, S, V);
// the 18th is a check character over the first 17 (weights 3^(i) mod 31).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code base has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0)
      throw new RangeError(`character ${first17[i]} at position ${i + 1} is not allowed in a credit code`);
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Explains why a code is not a valid 统一社会信用代码, or returns null when it is. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must have 18 characters (has ${code.length})`;
  if (!SHAPE.test(code)) {
    return 'must be 18 characters of 0-9 and A-Y without I, O, S, V, Z, with the administrative division code (6 digits) at positions 3-8';
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `check character is ${code[17]} but must be ${expected} (GB 32100-2015)`;
  return null;
}

export function isValidCreditCode(code: unknown): code is string {
  return typeof code === 'string' && creditCodeProblem(code) === null;
}

export const creditCodeSchema = z
  .string()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: `invalid 统一社会信用代码 ${JSON.stringify(code)}: ${problem}`,
      });
  })
  .meta({
    description: '统一社会信用代码 (unified social credit code, GB 32100-2015) with a valid check character',
    pattern: SHAPE.source,
    minLength: 18,
    maxLength: 18,
  });
