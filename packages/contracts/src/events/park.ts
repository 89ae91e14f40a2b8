import { z } from 'zod';
import { regionCodeSchema } from '../reference/regions';
import { industryFieldSchema } from '../reference/fields';
import { creditCodeSchema } from '../reference/credit-code';
import { idSchema, isoDateTimeSchema } from '../reference/ids';
import { citySchema, nameSchema, organisationSchema, reasonSchema } from './common';

export const PARK_KINDS = [
  'science-park',
  'incubator',
  'accelerator',
  'maker-space',
  'pilot-base',
  'poc-center',
] as const;
export const parkKindSchema = z
  .enum(PARK_KINDS)
  .describe(
    '科技园 science-park, 孵化器 incubator, 加速器 accelerator, 众创空间 maker-space, 中试基地 pilot-base, 概念验证中心 poc-center',
  );

export const APPLICATION_KINDS = ['relocation', 'branch', 'spin-off', 'landing'] as const;
export const applicationKindSchema = z
  .enum(APPLICATION_KINDS)
  .describe('relocation 整体迁入, branch 设立分支, spin-off 衍生企业, landing 合同落地');

export const parkRegisteredSchema = z
  .object({
    parkId: idSchema,
    name: nameSchema,
    kind: parkKindSchema,
    region: regionCodeSchema,
    city: citySchema.optional(),
    focusFields: z.array(industryFieldSchema).min(1).max(10),
    capacity: z.number().int().min(1).describe('enterprises the park can host'),
    operator: organisationSchema,
    registeredAt: isoDateTimeSchema,
  })
  .describe('A park or carrier (载体) joined Corridor.');

/** The applicant; originRegion is kept for "firms that came from Beijing" statistics. */
export const applicantSchema = z.object({
  enterpriseId: idSchema.optional(),
  name: nameSchema,
  creditCode: creditCodeSchema,
  originRegion: regionCodeSchema,
  originCity: citySchema.optional(),
});

export const applicationInputFields = {
  parkId: idSchema,
  kind: applicationKindSchema,
  contractId: idSchema.optional().describe('the signed contract this landing realises (kind landing)'),
  technologyId: idSchema.optional(),
  enterprise: applicantSchema,
  headcount: z.number().int().min(1).optional(),
  requestedAreaSqm: z.number().int().min(1).optional(),
  note: z.string().max(2000).optional(),
};

const applicationRefFields = {
  applicationId: idSchema,
  parkId: idSchema,
  parkRegion: regionCodeSchema,
  kind: applicationKindSchema,
  contractId: idSchema.optional(),
  enterprise: applicantSchema,
};

function landingNeedsContract(
  v: { kind: string; contractId?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (v.kind === 'landing' && !v.contractId) {
    ctx.addIssue({
      code: 'custom',
      path: ['contractId'],
      message: 'a landing application names the signed contract',
    });
  }
}

export const applicationSubmittedSchema = z
  .object({
    ...applicationRefFields,
    technologyId: idSchema.optional(),
    headcount: z.number().int().min(1).optional(),
    requestedAreaSqm: z.number().int().min(1).optional(),
    submittedAt: isoDateTimeSchema,
  })
  .superRefine(landingNeedsContract)
  .describe('An enterprise applied to settle in a park (relocation, branch, spin-off or contract landing).');

const occupancySchema = z.object({
  occupied: z.number().int().min(0),
  capacity: z.number().int().min(1),
});

export const applicationApprovedSchema = z
  .object({
    ...applicationRefFields,
    occupancy: occupancySchema.describe('park occupancy after this approval'),
    approvedAt: isoDateTimeSchema,
  })
  .describe('The park approved the application; a place is reserved within capacity.');

export const applicationRejectedSchema = z
  .object({
    ...applicationRefFields,
    reasonCode: z.enum(['capacity-full', 'field-mismatch', 'incomplete', 'other']),
    reason: reasonSchema,
    rejectedAt: isoDateTimeSchema,
  })
  .describe('The park rejected the application.');

export const applicationWithdrawnSchema = z
  .object({
    ...applicationRefFields,
    reason: reasonSchema.optional(),
    withdrawnAt: isoDateTimeSchema,
  })
  .describe('The enterprise withdrew its application.');

export const enterpriseRegisteredSchema = z
  .object({
    ...applicationRefFields,
    localEntity: z
      .object({ name: nameSchema, creditCode: creditCodeSchema, region: regionCodeSchema })
      .describe('the new registration in the park region (may equal the applicant for a relocation)'),
    registeredAt: isoDateTimeSchema,
  })
  .describe('The enterprise completed its local business registration in the park region.');

export const enterpriseSettledSchema = z
  .object({
    ...applicationRefFields,
    localEntity: z.object({ name: nameSchema, creditCode: creditCodeSchema, region: regionCodeSchema }),
    occupancy: occupancySchema,
    settledAt: isoDateTimeSchema,
  })
  .describe('The enterprise moved in: it counts as settled in the park region, with its origin region kept.');
