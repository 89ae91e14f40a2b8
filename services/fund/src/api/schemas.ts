import { z } from 'zod';
import {
  basisPointsSchema,
  enterpriseSchema,
  fenSchema,
  fundKindSchema,
  idSchema,
  instrumentSchema,
  loanInputFields,
  organisationSchema,
  regionCodeSchema,
} from '@corridor/contracts';
import { pageQuerySchema } from '@corridor/service-kit';
import { INVESTMENT_STATUSES, MAX_REINVESTMENT_RATIO_BP } from '../domain';

/**
 * Request schemas of the fund API. They check shape, reusing the contract's value schemas
 * (region, fen, credit code, enterprise); business rules (government money ≤ size, commitments
 * within the remaining size, …) live in src/domain and come back as problem+json naming the
 * same field.
 */
const name = z.string().trim().min(1).max(200);
const positiveFen = fenSchema.refine((v) => v > 0, { error: 'must be greater than zero' });

export const createFundSchema = z
  .object({
    fundId: idSchema.optional().describe('client-chosen id; generated when absent'),
    name,
    kind: fundKindSchema,
    region: regionCodeSchema,
    parentFundId: idSchema.optional().describe('the mother fund of a sub-fund'),
    manager: organisationSchema,
    governmentCommitmentFen: positiveFen,
    totalSizeFen: positiveFen,
    reinvestmentRatioBasisPoints: z
      .number()
      .int()
      .min(0)
      .max(MAX_REINVESTMENT_RATIO_BP)
      .describe('返投 ratio relative to the government commitment, 15000 = 1.5×'),
  })
  .strict();

export const listFundsQuerySchema = pageQuerySchema.extend({
  region: regionCodeSchema.optional(),
  kind: fundKindSchema.optional(),
});

const conversionTermsSchema = z
  .object({
    discountBasisPoints: basisPointsSchema.max(9_999).optional().describe('discount on the round price'),
    valuationCapFen: positiveFen.optional().describe('cap on the pre-money valuation'),
  })
  .strict();

export const commitInvestmentSchema = z
  .object({
    investmentId: idSchema.optional(),
    enterprise: enterpriseSchema,
    instrument: instrumentSchema,
    amountFen: positiveFen,
    equityBasisPoints: basisPointsSchema.optional().describe('stake bought; equity only'),
    conversionTerms: conversionTermsSchema.optional().describe('grant-to-equity and invest-first-equity-later only'),
  })
  .strict();

export const disburseSchema = z
  .object({ trancheFen: positiveFen.optional().describe('default: whatever is left of the commitment') })
  .strict();

export const convertSchema = z
  .object({
    round: z
      .object({
        roundName: z.string().trim().min(1).max(100),
        preMoneyValuationFen: positiveFen,
        postMoneyValuationFen: positiveFen,
      })
      .strict(),
  })
  .strict();

export const listInvestmentsQuerySchema = pageQuerySchema.extend({
  fundId: idSchema.optional(),
  region: regionCodeSchema.optional(),
  status: z.enum(INVESTMENT_STATUSES).optional(),
});

export const createPoolSchema = z
  .object({
    poolId: idSchema.optional(),
    name,
    region: regionCodeSchema,
    partnerBanks: z.array(name).min(1).max(50).describe('names of the partner banks'),
    coverageBasisPoints: basisPointsSchema.describe('share of a principal loss the pool compensates'),
    perLoanCapFen: positiveFen,
    initialBalanceFen: fenSchema,
  })
  .strict();

/** The body of POST /pools/:id/loans is the ingest command's data (`loan.register-requested`). */
export const registerLoanSchema = z.object({ loanId: idSchema.optional(), ...loanInputFields }).strict();

export const defaultLoanSchema = z
  .object({
    lossFen: positiveFen.describe('principal the bank could not recover'),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const regionPageQuerySchema = pageQuerySchema.extend({ region: regionCodeSchema.optional() });
export const regionQuerySchema = z.object({ region: regionCodeSchema.optional() });

export const candidatesQuerySchema = pageQuerySchema.extend({
  region: regionCodeSchema.optional(),
  type: z.enum(['enterprise', 'technology']).default('enterprise'),
});

export const idParamsSchema = z.object({ id: idSchema });
export const loanParamsSchema = z.object({ id: idSchema, loanId: idSchema });
