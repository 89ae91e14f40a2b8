import { z } from 'zod';
import { regionCodeSchema } from '../reference/regions';
import { fenSchema, basisPointsSchema } from '../reference/money';
import { creditCodeSchema } from '../reference/credit-code';
import { idSchema, isoDateTimeSchema } from '../reference/ids';
import { enterpriseSchema, nameSchema, organisationSchema, reasonSchema } from './common';

export const FUND_KINDS = ['mother', 'sub', 'seed', 'angel', 'poc'] as const;
export const fundKindSchema = z
  .enum(FUND_KINDS)
  .describe('母基金 mother, 子基金 sub, 种子 seed, 天使 angel, 概念验证 poc');

export const INSTRUMENTS = ['equity', 'grant-to-equity', 'invest-first-equity-later'] as const;
export const instrumentSchema = z
  .enum(INSTRUMENTS)
  .describe('股权 equity, 拨投结合 grant-to-equity, 先投后股 invest-first-equity-later');

export const fundEstablishedSchema = z
  .object({
    fundId: idSchema,
    name: nameSchema,
    kind: fundKindSchema,
    parentFundId: idSchema.optional().describe('the mother fund of a sub-fund'),
    region: regionCodeSchema,
    manager: organisationSchema,
    governmentCommitmentFen: fenSchema,
    totalSizeFen: fenSchema,
    leverage: z
      .number()
      .min(1)
      .optional()
      .describe('derived: totalSizeFen ÷ governmentCommitmentFen, for display only'),
    reinvestment: z
      .object({
        ratioBasisPoints: z
          .number()
          .int()
          .min(0)
          .max(100_000)
          .describe('返投 requirement relative to the government commitment; 15000 = 1.5×'),
        requirementFen: fenSchema.describe('amount to invest into enterprises settled in the fund region'),
      })
      .describe('re-investment (返投) requirement'),
    establishedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => {
    if (v.totalSizeFen < v.governmentCommitmentFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['totalSizeFen'],
        message: 'total size must be at least the government commitment',
      });
    }
    if (v.kind === 'sub' && !v.parentFundId) {
      ctx.addIssue({ code: 'custom', path: ['parentFundId'], message: 'a sub-fund names its mother fund' });
    }
  })
  .describe('A government guidance fund (引导基金) was established.');

const investmentRefFields = {
  investmentId: idSchema,
  fundId: idSchema,
  fundRegion: regionCodeSchema,
  enterprise: enterpriseSchema,
  instrument: instrumentSchema,
};

export const investmentCommittedSchema = z
  .object({
    ...investmentRefFields,
    amountFen: fenSchema,
    countsTowardReinvestment: z
      .boolean()
      .describe('the enterprise is settled in the fund region, so this counts for 返投'),
    basis: z
      .object({
        settlementApplicationId: idSchema.optional(),
        contractId: idSchema.optional(),
        technologyId: idSchema.optional(),
      })
      .optional()
      .describe('what made the enterprise a candidate'),
    committedAt: isoDateTimeSchema,
  })
  .describe('A fund committed an investment into an enterprise.');

export const investmentDisbursedSchema = z
  .object({
    ...investmentRefFields,
    trancheFen: fenSchema,
    disbursedTotalFen: fenSchema.describe('all tranches so far, this one included'),
    committedFen: fenSchema,
    disbursedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => {
    if (v.disbursedTotalFen > v.committedFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['disbursedTotalFen'],
        message: 'disbursements must not exceed the commitment',
      });
    }
  })
  .describe('A tranche of a committed investment was paid out.');

export const investmentConvertedSchema = z
  .object({
    ...investmentRefFields,
    amountFen: fenSchema.describe('grant amount converted into equity'),
    conversion: z.object({
      roundName: z.string().min(1).max(100),
      roundValuationFen: fenSchema.describe('pre-money valuation of the priced round'),
      equityBasisPoints: basisPointsSchema.describe('stake received, 10000 = 100%'),
    }),
    convertedAt: isoDateTimeSchema,
  })
  .describe('A 先投后股 / 拨投结合 grant converted to equity at a priced round.');

// ---- risk-compensation pools (风险补偿资金池) ----

export const bankSchema = z.object({ name: nameSchema, creditCode: creditCodeSchema.optional() });

export const loanInputFields = {
  poolId: idSchema,
  bank: bankSchema,
  enterprise: enterpriseSchema,
  principalFen: fenSchema,
  termMonths: z.number().int().min(1).max(120),
  annualRateBasisPoints: z.number().int().min(0).max(3_600).describe('interest per year, 385 = 3.85%'),
};

const loanRefFields = {
  poolId: idSchema,
  loanId: idSchema,
  poolRegion: regionCodeSchema,
  bank: bankSchema,
  enterprise: enterpriseSchema,
  principalFen: fenSchema,
};

export const loanRegisteredSchema = z
  .object({
    ...loanRefFields,
    termMonths: loanInputFields.termMonths,
    annualRateBasisPoints: loanInputFields.annualRateBasisPoints,
    compensationShareBasisPoints: basisPointsSchema.describe(
      'share of a principal loss the pool compensates',
    ),
    poolBalanceFen: fenSchema,
    registeredAt: isoDateTimeSchema,
  })
  .describe('A partner bank registered a loan to a tech SME with the risk-compensation pool.');

export const loanDefaultedSchema = z
  .object({
    ...loanRefFields,
    lossFen: fenSchema.describe('principal the bank could not recover'),
    reason: reasonSchema.optional(),
    defaultedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => {
    if (v.lossFen > v.principalFen)
      ctx.addIssue({ code: 'custom', path: ['lossFen'], message: 'loss must not exceed the principal' });
  })
  .describe('A registered loan defaulted with a principal loss.');

export const loanCompensatedSchema = z
  .object({
    ...loanRefFields,
    lossFen: fenSchema,
    compensationShareBasisPoints: basisPointsSchema,
    compensationFen: fenSchema,
    capped: z.boolean().describe("the pool's balance limited the compensation"),
    poolBalanceFen: fenSchema.describe('balance after paying'),
    compensatedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => {
    const share = Math.floor((v.lossFen * v.compensationShareBasisPoints) / 10_000);
    if (v.compensationFen > share) {
      ctx.addIssue({
        code: 'custom',
        path: ['compensationFen'],
        message: `compensation must not exceed ${share} fen (share of the loss)`,
      });
    }
  })
  .describe('The pool compensated the bank for a share of the loss, never beyond its balance.');
