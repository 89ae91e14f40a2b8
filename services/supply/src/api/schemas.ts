import { z } from 'zod';
import {
  basisPointsSchema,
  fenSchema,
  idSchema,
  industryFieldSchema,
  isoDateTimeSchema,
  nameSchema,
  reasonSchema,
  regionCodeSchema,
  stageSchema,
  technologyFields,
  technologyInputSchema,
  technologyStatusSchema,
  trlSchema,
} from '@corridor/contracts';
import { pageQuerySchema } from '@corridor/service-kit';

// Request bodies reuse the contract's field schemas, so HTTP and the agency ingest accept exactly
// the same data and report the same messages.

export const createTechnologyBody = technologyInputSchema.strict();

export const updateTechnologyBody = z
  .object(technologyFields)
  .omit({ region: true })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one field to change' });

export const withdrawBody = z.object({ reason: reasonSchema }).strict();

const validationFields = {
  resultId: idSchema.optional().describe('the center\'s own id of the result; makes a re-sent result a no-op'),
  passed: z.boolean(),
  certifiedTrl: trlSchema.optional().describe('level the center attests to; clamped to what the validation can prove'),
  reportSummary: z.string().trim().min(1).max(5000),
  costFen: fenSchema.optional(),
  completedAt: isoDateTimeSchema,
};

export const pocResultBody = z
  .object({
    ...validationFields,
    center: z.object({ id: idSchema, name: nameSchema, region: regionCodeSchema }).describe('PoC center (概念验证中心)'),
  })
  .strict();

export const pilotResultBody = z
  .object({
    ...validationFields,
    platform: z.object({ id: idSchema, name: nameSchema, region: regionCodeSchema }).describe('pilot platform (中试平台)'),
    batchSize: z.number().int().positive().optional(),
    yieldBasisPoints: basisPointsSchema.optional(),
  })
  .strict();

export const idParams = z.object({ id: idSchema });

export const listQuery = pageQuerySchema.extend({
  region: regionCodeSchema.optional(),
  field: industryFieldSchema.optional(),
  status: technologyStatusSchema.optional(),
  stage: stageSchema.optional(),
  keyword: z.string().trim().min(1).max(40).optional(),
});

const validationRecord = z.object({
  id: z.string(),
  center: z.object({ id: z.string(), name: z.string(), region: z.string() }),
  passed: z.boolean(),
  certifiedTrl: z.number().int().optional(),
  reportSummary: z.string(),
  costFen: z.number().int().optional(),
  batchSize: z.number().int().optional(),
  yieldBasisPoints: z.number().int().optional(),
  completedAt: z.string(),
  trlBefore: z.number().int(),
  trlAfter: z.number().int(),
  recordedAt: z.string(),
});

export const technologyView = z.object({
  id: z.string(),
  ...technologyFields,
  stage: stageSchema,
  status: technologyStatusSchema,
  version: z.number().int(),
  pocResults: z.array(validationRecord),
  pilotResults: z.array(validationRecord),
  transfer: z
    .object({
      contractId: z.string(),
      contractType: z.string(),
      valueFen: z.number().int(),
      buyer: z.object({ name: z.string(), region: z.string() }),
      transferredAt: z.string(),
    })
    .optional(),
  withdrawal: z.object({ reason: z.string(), withdrawnAt: z.string() }).optional(),
  publishedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const technologyPage = z.object({ items: z.array(technologyView), nextCursor: z.string().nullable() });

export const kpiView = z.object({
  technologies: z.array(z.object({ region: z.string(), status: technologyStatusSchema, count: z.number().int() })),
  stages: z.array(z.object({ region: z.string(), stage: stageSchema, count: z.number().int() })),
  transfers: z.array(
    z.object({ sellerRegion: z.string(), buyerRegion: z.string(), count: z.number().int(), valueFen: z.number().int() }),
  ),
});
