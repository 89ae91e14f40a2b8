import { z } from 'zod';
import { regionCodeSchema } from '../reference/regions';
import { industryFieldSchema } from '../reference/fields';
import { fenSchema } from '../reference/money';
import { trlSchema, stageSchema, stageOfTrl } from '../reference/trl';
import { idSchema, isoDateTimeSchema } from '../reference/ids';
import {
  citySchema,
  contractTypeSchema,
  institutionSchema,
  keywordsSchema,
  nameSchema,
  reasonSchema,
  transferModeSchema,
} from './common';

export const TECHNOLOGY_STATUSES = ['draft', 'published', 'transferred', 'withdrawn'] as const;
export const technologyStatusSchema = z.enum(TECHNOLOGY_STATUSES);

export const patentSchema = z.object({
  number: z.string().regex(/^(CN|ZL|WO|US|EP|JP)[0-9A-Z.]{4,20}$/, {
    error: 'must be a patent or application number such as CN202310123456.7 or ZL202310123456.7',
  }),
  title: nameSchema,
});

function stageMatchesTrl(
  value: { trl: number; stage: string },
  ctx: z.core.$RefinementCtx,
  trlKey = 'trl',
  stageKey = 'stage',
): void {
  const expected = stageOfTrl(value.trl);
  if (value.stage !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: [stageKey],
      message: `stage must be ${expected} for ${trlKey} ${value.trl}`,
    });
  }
}

/** What an institution offers: the fields shared by the HTTP body, the ingest command and the events. */
export const technologyFields = {
  title: z.string().trim().min(2).max(200),
  summary: z.string().trim().min(1).max(5000),
  field: industryFieldSchema,
  keywords: keywordsSchema,
  owner: institutionSchema,
  region: regionCodeSchema.describe('where the technology is held (the seller region)'),
  city: citySchema.optional(),
  trl: trlSchema,
  patents: z.array(patentSchema).max(100),
  transferModes: z.array(transferModeSchema).min(1).max(5),
  askingPriceFen: fenSchema,
};

export const technologyPublishedSchema = z
  .object({
    technologyId: idSchema,
    ...technologyFields,
    stage: stageSchema,
    status: z.literal('published'),
    publishedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => stageMatchesTrl(v, ctx))
  .describe('A technology (科技成果) was published and is open for matching.');

export const technologyUpdatedSchema = z
  .object({
    technologyId: idSchema,
    ...technologyFields,
    stage: stageSchema,
    status: technologyStatusSchema,
    changedFields: z.array(z.string().min(1)).min(1).describe('top-level fields that changed'),
    updatedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => stageMatchesTrl(v, ctx))
  .describe('A technology changed; carries the full new state so projections can replace theirs.');

export const technologyWithdrawnSchema = z
  .object({
    technologyId: idSchema,
    region: regionCodeSchema,
    reason: reasonSchema,
    withdrawnAt: isoDateTimeSchema,
  })
  .describe('The owner withdrew the technology; it is no longer matched.');

const validationResultFields = {
  technologyId: idSchema,
  region: regionCodeSchema,
  passed: z.boolean(),
  trlBefore: trlSchema,
  trlAfter: trlSchema,
  stageAfter: stageSchema,
  reportSummary: z.string().trim().min(1).max(5000),
  costFen: fenSchema.optional().describe('what the validation cost'),
  completedAt: isoDateTimeSchema,
};

function trlNotLowered(
  v: { passed: boolean; trlBefore: number; trlAfter: number; stageAfter: string },
  ctx: z.core.$RefinementCtx,
): void {
  if (v.trlAfter < v.trlBefore) {
    ctx.addIssue({
      code: 'custom',
      path: ['trlAfter'],
      message: `trlAfter (${v.trlAfter}) must not be below trlBefore (${v.trlBefore})`,
    });
  }
  if (!v.passed && v.trlAfter !== v.trlBefore) {
    ctx.addIssue({
      code: 'custom',
      path: ['trlAfter'],
      message: 'a failed validation leaves the TRL unchanged',
    });
  }
  stageMatchesTrl({ trl: v.trlAfter, stage: v.stageAfter }, ctx, 'trlAfter', 'stageAfter');
}

export const technologyPocCompletedSchema = z
  .object({
    ...validationResultFields,
    pocCenterId: idSchema,
    pocCenterName: nameSchema,
    pocCenterRegion: regionCodeSchema,
  })
  .superRefine(trlNotLowered)
  .describe('A proof-of-concept center (概念验证中心) finished validating the technology.');

export const technologyPilotCompletedSchema = z
  .object({
    ...validationResultFields,
    pilotPlatformId: idSchema,
    pilotPlatformName: nameSchema,
    pilotPlatformRegion: regionCodeSchema,
    batchSize: z.number().int().positive().optional().describe('units produced in the pilot run'),
    yieldBasisPoints: z.number().int().min(0).max(10_000).optional().describe('pilot yield, 10000 = 100%'),
  })
  .superRefine(trlNotLowered)
  .describe('A pilot/scale-up platform (中试平台) finished a pilot run of the technology.');

export const technologyTransferredSchema = z
  .object({
    technologyId: idSchema,
    contractId: idSchema,
    region: regionCodeSchema,
    buyerName: nameSchema,
    buyerRegion: regionCodeSchema,
    contractType: contractTypeSchema,
    valueFen: fenSchema,
    transferredAt: isoDateTimeSchema,
  })
  .describe('A signed technology contract transferred the technology to a buyer.');
