import { z } from 'zod';

export const STAGES = ['research', 'development', 'commercialization', 'industrialization'] as const;
export type Stage = (typeof STAGES)[number];
export const stageSchema = z.enum(STAGES);

export const trlSchema = z
  .number()
  .int({ error: 'TRL must be an integer from 1 to 9' })
  .min(1, { error: 'TRL must be an integer from 1 to 9' })
  .max(9, { error: 'TRL must be an integer from 1 to 9' })
  .describe('technology readiness level 1-9');
export type Trl = z.infer<typeof trlSchema>;

/** research 1–3, development 4–6, commercialization 7–8, industrialization 9. */
export function stageOfTrl(trl: number): Stage {
  if (!Number.isInteger(trl) || trl < 1 || trl > 9)
    throw new RangeError(`TRL must be an integer from 1 to 9 (got ${trl})`);
  if (trl <= 3) return 'research';
  if (trl <= 6) return 'development';
  if (trl <= 8) return 'commercialization';
  return 'industrialization';
}
