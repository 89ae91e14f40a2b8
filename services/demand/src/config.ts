import { loadConfig } from '@corridor/service-kit';
import { z } from 'zod';

export const demandConfigSchema = z.object({
  SERVICE_NAME: z.string().min(1).default('demand'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4102),
  /** Lowest score (0–100 points) worth proposing; see src/domain/matching.ts for the weights. */
  MATCH_THRESHOLD: z.coerce.number().int().min(0).max(100).default(50),
  /** Proposals per need (or per arriving technology). */
  MATCH_LIMIT: z.coerce.number().int().min(1).max(50).default(5),
});

export type DemandConfig = ReturnType<typeof loadDemandConfig>;

export function loadDemandConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(demandConfigSchema, env);
}
