import { z } from 'zod';
import { basisPointsSchema, enterpriseSchema, fenSchema, fundKindSchema, instrumentSchema, organisationSchema, regionCodeSchema } from '@corridor/contracts';
import { INVESTMENT_STATUSES, LOAN_STATUSES } from '../domain';

/**
 * Response shapes for the OpenAPI document. The API tests parse real responses with them, so
 * the document cannot drift from what the views in src/queries.ts return.
 */
const ratio4 = z.number().min(0).describe('ratio with 4 decimals, floored from integer fen');

export const fundResponse = z.object({
  fundId: z.string(),
  name: z.string(),
  kind: fundKindSchema,
  region: regionCodeSchema,
  parentFundId: z.string().optional(),
  manager: organisationSchema,
  governmentCommitmentFen: fenSchema,
  totalSizeFen: fenSchema,
  committedFen: fenSchema,
  remainingFen: fenSchema,
  leverage: ratio4.describe('放大倍数: total size ÷ government commitment'),
  reinvestment: z.object({ ratioBasisPoints: z.number().int(), requirementFen: fenSchema }),
  establishedAt: z.string(),
  version: z.number().int().optional(),
});

export const investmentResponse = z.object({
  investmentId: z.string(),
  fundId: z.string(),
  fundRegion: regionCodeSchema,
  enterprise: enterpriseSchema,
  instrument: instrumentSchema,
  amountFen: fenSchema,
  disbursedFen: fenSchema,
  status: z.enum(INVESTMENT_STATUSES),
  equityBasisPoints: basisPointsSchema.optional(),
  conversionTerms: z.object({ discountBasisPoints: basisPointsSchema.optional(), valuationCapFen: fenSchema.optional() }).optional(),
  conversion: z
    .object({
      equityBasisPoints: basisPointsSchema,
      priceBasis: z.enum(['round', 'discount', 'cap']),
      effectivePreMoneyFen: fenSchema,
      round: z.object({ roundName: z.string(), preMoneyValuationFen: fenSchema, postMoneyValuationFen: fenSchema }),
    })
    .optional(),
  countsTowardReinvestmentAtCommit: z.boolean().describe('settled in the fund region when committed; the live answer is /funds/{id}/reinvestment'),
  committedAt: z.string(),
  version: z.number().int().optional(),
});

export const reinvestmentResponse = z.object({
  fundId: z.string(),
  region: regionCodeSchema,
  ratioBasisPoints: z.number().int(),
  requiredFen: fenSchema,
  qualifyingFen: fenSchema,
  qualifyingDisbursedFen: fenSchema,
  qualifyingInvestments: z.number().int().min(0),
  shortfallFen: fenSchema,
  progress: ratio4,
  progressBasisPoints: z.number().int().min(0),
  met: z.boolean(),
  byInstrument: z.record(z.string(), fenSchema),
});

const loanResponse = z.object({
  id: z.string(),
  bank: organisationSchema,
  borrower: enterpriseSchema,
  principalFen: fenSchema,
  termMonths: z.number().int(),
  annualRateBasisPoints: z.number().int(),
  status: z.enum(LOAN_STATUSES),
  principalLossFen: fenSchema.optional(),
  compensation: z
    .object({ entitledFen: fenSchema, paidFen: fenSchema, shortfallFen: fenSchema, limitedBy: z.enum(['none', 'cap', 'balance']) })
    .optional(),
});

export const poolResponse = z.object({
  poolId: z.string(),
  name: z.string(),
  region: regionCodeSchema,
  partnerBanks: z.array(z.string()),
  coverageBasisPoints: basisPointsSchema,
  perLoanCapFen: fenSchema,
  balanceFen: fenSchema,
  compensatedFen: fenSchema,
  loans: z.array(loanResponse),
  version: z.number().int().optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional().describe('absent on the last page') });
