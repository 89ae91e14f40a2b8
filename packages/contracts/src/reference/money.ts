import { z } from 'zod';

/** CNY in integer fen (1 yuan = 100 fen); floats never carry money. */
export const fenSchema = z
  .number({ error: (issue) => `must be an amount in integer fen (got ${describe(issue.input)})` })
  .int({ error: (issue) => `must be an amount in integer fen, not a fraction (got ${String(issue.input)})` })
  .min(0, { error: 'must be a non-negative amount in fen' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'must be at most Number.MAX_SAFE_INTEGER fen' })
  .describe('CNY amount in integer fen (1 yuan = 100 fen)');
export type Fen = z.infer<typeof fenSchema>;

/** A fraction of 10 000: equity stakes and shares without floating point. */
export const basisPointsSchema = z
  .number()
  .int({ error: 'must be an integer number of basis points' })
  .min(0)
  .max(10_000)
  .describe('basis points: 10000 = 100%');

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : `${typeof v} ${JSON.stringify(v)}`;
}
