import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../reference/ids';
import { regionCodeSchema } from '../reference/regions';
import { technologyFields } from './supply';
import { demandFields } from './demand';
import { applicationInputFields } from './park';
import { loanInputFields } from './fund';

// Agency commands carry the same body as the matching HTTP create request, so one schema serves
// both doors into a service. An id chosen by the agency makes a re-sent command idempotent.

export const technologyInputSchema = z
  .object({
    technologyId: idSchema.optional().describe('assigned by the service when absent'),
    ...technologyFields,
  })
  .describe('Publish a technology (POST /technologies body).');
export type TechnologyInput = z.infer<typeof technologyInputSchema>;

export const demandInputSchema = z
  .object({
    demandId: idSchema.optional().describe('assigned by the service when absent'),
    ...demandFields,
  })
  .describe('Publish a need (POST /demands body).');
export type DemandInput = z.infer<typeof demandInputSchema>;

export const applicationInputSchema = z
  .object({
    applicationId: idSchema.optional().describe('assigned by the service when absent'),
    ...applicationInputFields,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'landing' && !v.contractId) {
      ctx.addIssue({
        code: 'custom',
        path: ['contractId'],
        message: 'a landing application names the signed contract',
      });
    }
  })
  .describe('Apply to settle in a park (POST /applications body).');
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

export const loanInputSchema = z
  .object({ loanId: idSchema.optional().describe('assigned by the service when absent'), ...loanInputFields })
  .describe('Register a loan with a risk-compensation pool (POST /pools/{poolId}/loans body).');
export type LoanInput = z.infer<typeof loanInputSchema>;

export const issueSchema = z.object({
  path: z
    .string()
    .describe(
      'dotted path of the offending header or field, e.g. headers.ce_region or data.enterprise.creditCode',
    ),
  message: z.string().min(1),
});

export const ingestRejectedSchema = z
  .object({
    originalId: z.string().min(1).describe('ce_id of the refused event'),
    originalType: z.string().describe('ce_type of the refused event (empty when it had none)'),
    originalSource: z.string().describe('ce_source of the refused event (empty when it had none)'),
    originalSubject: z.string().optional(),
    claimedRegion: regionCodeSchema.optional(),
    reasonCode: z.enum([
      'invalid-envelope',
      'invalid-data',
      'region-forbidden',
      'rule-violated',
      'handler-failed',
    ]),
    reasons: z.array(issueSchema).min(1),
    deadLetter: z
      .object({
        topic: z.string().min(1),
        partition: z.number().int().min(0),
        offset: z.string().regex(/^\d+$/),
      })
      .optional()
      .describe('where the original record was parked'),
    rejectedAt: isoDateTimeSchema,
  })
  .describe('An agency command was refused; tells the sender why.');
