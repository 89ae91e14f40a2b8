import { z } from 'zod';
import { regionCodeSchema } from '../reference/regions';
import { industryFieldSchema } from '../reference/fields';
import { fenSchema } from '../reference/money';
import { trlSchema } from '../reference/trl';
import { idSchema, isoDateSchema, isoDateTimeSchema } from '../reference/ids';
import {
  contractTypeSchema,
  enterpriseSchema,
  institutionKindSchema,
  keywordsSchema,
  nameSchema,
  organisationSchema,
  reasonSchema,
  transferModeSchema,
} from './common';

// ---- demand (需求包) ----

export const demandFields = {
  enterprise: enterpriseSchema,
  title: z.string().trim().min(2).max(200),
  field: industryFieldSchema,
  problem: z.string().trim().min(1).max(5000).describe('the technical problem to solve'),
  keywords: keywordsSchema,
  budgetFen: fenSchema,
  deadline: isoDateSchema.describe('date by which a solution is needed'),
  acceptableModes: z.array(transferModeSchema).min(1).max(5),
  minTrl: trlSchema.optional().describe('lowest TRL the enterprise can work with'),
};

export const demandPublishedSchema = z
  .object({
    demandId: idSchema,
    ...demandFields,
    region: regionCodeSchema.describe("the enterprise's region (the buyer region)"),
    publishedAt: isoDateTimeSchema,
  })
  .describe('An enterprise published a need (需求包) open for matching.');

export const demandClosedSchema = z
  .object({
    demandId: idSchema,
    region: regionCodeSchema,
    outcome: z.enum(['fulfilled', 'expired', 'withdrawn']),
    contractId: idSchema.optional().describe('the contract that fulfilled it'),
    reason: reasonSchema.optional(),
    closedAt: isoDateTimeSchema,
  })
  .describe('A need was closed: fulfilled by a contract, expired or withdrawn.');

// ---- open challenges (揭榜挂帅) with horse race (赛马) ----

export const teamSchema = z.object({
  teamId: idSchema,
  name: nameSchema,
  leadInstitution: z.object({ institutionId: idSchema, name: nameSchema, kind: institutionKindSchema }),
  region: regionCodeSchema,
});

export const challengePostedSchema = z
  .object({
    challengeId: idSchema,
    leadEnterprise: enterpriseSchema,
    title: z.string().trim().min(2).max(200),
    field: industryFieldSchema,
    problem: z.string().trim().min(1).max(5000),
    keywords: keywordsSchema,
    bountyFen: fenSchema.describe('paid to the awarded team'),
    raceSize: z.number().int().min(1).max(3).describe('teams funded in parallel (赛马), usually 2-3'),
    stages: z
      .array(
        z.object({
          stage: z.number().int().min(1).max(10),
          name: nameSchema,
          reviewDate: isoDateSchema,
          fundingPerTeamFen: fenSchema,
        }),
      )
      .min(1)
      .max(10),
    bidDeadline: isoDateSchema,
    region: regionCodeSchema,
    postedAt: isoDateTimeSchema,
  })
  .describe('A lead enterprise posted an open challenge (揭榜挂帅) with a bounty.');

export const challengeBidSubmittedSchema = z
  .object({
    challengeId: idSchema,
    bidId: idSchema,
    team: teamSchema,
    technologyId: idSchema.optional().describe('a published technology the bid builds on'),
    proposal: z.string().trim().min(1).max(5000),
    requestedFen: fenSchema,
    region: regionCodeSchema.describe("the challenge's region"),
    submittedAt: isoDateTimeSchema,
  })
  .describe('A team bid for a challenge.');

export const challengeAwardedSchema = z
  .object({
    challengeId: idSchema,
    region: regionCodeSchema,
    winningBidId: idSchema,
    winningTeam: teamSchema,
    bountyFen: fenSchema,
    fundedTeams: z
      .array(
        z.object({
          bidId: idSchema,
          teamId: idSchema,
          region: regionCodeSchema,
          fundedFen: fenSchema,
          eliminatedAtStage: z.number().int().min(1).optional().describe('absent for the winner'),
        }),
      )
      .min(1)
      .max(3),
    stageReviews: z.array(
      z.object({
        stage: z.number().int().min(1),
        reviewedAt: isoDateTimeSchema,
        advancingBidIds: z.array(idSchema),
      }),
    ),
    awardedAt: isoDateTimeSchema,
  })
  .describe('The horse race finished: one team was awarded the bounty.');

// ---- matching ----

export const MATCH_FACTORS = ['field', 'keywords', 'trl', 'mode', 'region'] as const;
const unitInterval = z.number().min(0).max(1);

const matchRefFields = {
  matchId: idSchema,
  demandId: idSchema,
  technologyId: idSchema,
  sellerRegion: regionCodeSchema,
  buyerRegion: regionCodeSchema,
  crossRegion: z.boolean().describe('seller and buyer are in different regions'),
};

function crossRegionConsistent(
  v: { sellerRegion: string; buyerRegion: string; crossRegion: boolean },
  ctx: z.core.$RefinementCtx,
): void {
  if (v.crossRegion !== (v.sellerRegion !== v.buyerRegion)) {
    ctx.addIssue({
      code: 'custom',
      path: ['crossRegion'],
      message: `crossRegion must be ${v.sellerRegion !== v.buyerRegion} for ${v.sellerRegion} → ${v.buyerRegion}`,
    });
  }
}

export const matchProposedSchema = z
  .object({
    ...matchRefFields,
    score: unitInterval.describe('overall score 0..1'),
    explanation: z
      .array(
        z.object({
          factor: z.enum(MATCH_FACTORS),
          weight: unitInterval,
          score: unitInterval,
          detail: z.string().min(1).max(500),
        }),
      )
      .min(1),
    proposedAt: isoDateTimeSchema,
  })
  .superRefine(crossRegionConsistent)
  .describe('Demand proposed a technology for a need, with an explained score.');

export const matchAcceptedSchema = z
  .object({
    ...matchRefFields,
    acceptedBy: z.object({ party: z.enum(['buyer', 'seller']), name: nameSchema }),
    acceptedAt: isoDateTimeSchema,
  })
  .superRefine(crossRegionConsistent)
  .describe('Both parties accepted the match; a contract may follow.');

export const matchDeclinedSchema = z
  .object({
    ...matchRefFields,
    declinedBy: z.object({ party: z.enum(['buyer', 'seller']), name: nameSchema }),
    reason: reasonSchema,
    declinedAt: isoDateTimeSchema,
  })
  .superRefine(crossRegionConsistent)
  .describe('A party declined the match.');

// ---- technology contracts (技术合同) ----

export const contractSellerSchema = z.object({
  institutionId: idSchema,
  name: nameSchema,
  kind: institutionKindSchema,
  region: regionCodeSchema,
});
export const contractBuyerSchema = enterpriseSchema;

export const contractSignedSchema = z
  .object({
    contractId: idSchema,
    matchId: idSchema.optional(),
    demandId: idSchema.optional(),
    technologyId: idSchema,
    type: contractTypeSchema,
    title: z.string().trim().min(2).max(200),
    seller: contractSellerSchema,
    buyer: contractBuyerSchema,
    valueFen: fenSchema,
    manager: z
      .object({ id: idSchema, name: nameSchema, commissionFen: fenSchema })
      .describe('technology manager (技术经理人) who brokered the deal'),
    landingParkId: idSchema
      .optional()
      .describe('park where the buyer lands the technology; opens a landing application'),
    signedAt: isoDateTimeSchema,
  })
  .superRefine((v, ctx) => {
    if (v.manager.commissionFen > v.valueFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['manager', 'commissionFen'],
        message: 'commission must not exceed the contract value',
      });
    }
  })
  .describe('A technology contract was signed between a seller institution and a buyer enterprise.');

const contractRefFields = {
  contractId: idSchema,
  technologyId: idSchema,
  type: contractTypeSchema,
  sellerRegion: regionCodeSchema,
  buyerRegion: regionCodeSchema,
};

export const contractRegisteredSchema = z
  .object({
    ...contractRefFields,
    registrationNumber: z.string().trim().min(4).max(40).describe('技术合同登记号'),
    registrar: organisationSchema
      .extend({ region: regionCodeSchema })
      .describe('technology market that registered it'),
    confirmedValueFen: fenSchema.describe('核定技术交易额'),
    registeredAt: isoDateTimeSchema,
  })
  .describe('A technology market registered the contract and confirmed its transaction value.');

export const contractTerminatedSchema = z
  .object({
    ...contractRefFields,
    reason: reasonSchema,
    terminatedAt: isoDateTimeSchema,
  })
  .describe('A contract was terminated before or after registration.');
