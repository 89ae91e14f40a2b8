import {
  basisPointsSchema,
  challengeBidSubmittedSchema,
  challengePostedSchema,
  contractSellerSchema,
  contractTypeSchema,
  enterpriseSchema,
  fenSchema,
  idSchema,
  industryFieldSchema,
  nameSchema,
  organisationSchema,
  reasonSchema,
  regionCodeSchema,
} from '@corridor/contracts';
import { pageQuerySchema } from '@corridor/service-kit';
import { z } from 'zod';

// Request bodies reuse the public event schemas, so an HTTP body and an event agree on every field.

export const idParams = z.object({ id: idSchema });

export const closeDemandBody = z.object({
  outcome: z.enum(['fulfilled', 'expired', 'withdrawn']),
  contractId: idSchema.optional(),
  reason: reasonSchema.optional(),
});

export const postChallengeBody = challengePostedSchema
  .omit({ challengeId: true, region: true, postedAt: true })
  .extend({
    challengeId: idSchema.optional(),
    raceSize: z.number().int().min(2).max(3).describe('teams funded in parallel (赛马): 2 or 3'),
  });

export const bidBody = challengeBidSubmittedSchema
  .pick({ team: true, technologyId: true, proposal: true, requestedFen: true })
  .extend({ bidId: idSchema.optional() });

export const raceBody = z.object({ bidIds: z.array(idSchema).min(2).max(3) });
export const reviewBody = z.object({
  decisions: z.record(idSchema, z.enum(['advance', 'eliminate'])).describe('every racing bid id → advance | eliminate'),
});
export const awardBody = z.object({ bidId: idSchema });
export const reasonBody = z.object({ reason: reasonSchema });

const party = z.object({ party: z.enum(['buyer', 'seller']), name: nameSchema });
export const acceptBody = party;
export const declineBody = party.extend({ reason: reasonSchema });

export const commissionRuleSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('basis-points'),
      basisPoints: basisPointsSchema,
      minFen: fenSchema.optional(),
      maxFen: fenSchema.optional(),
    }),
    z.object({ kind: z.literal('fixed'), amountFen: fenSchema }),
  ])
  .describe('how the technology manager is paid: basis points of the value (rounded half up, optional floor/cap) or a fixed amount');

const managerSchema = z.object({ id: idSchema, name: nameSchema }).describe('technology manager (技术经理人)');

export const contractFromMatchBody = z.object({
  type: contractTypeSchema.optional().describe('default: from the transfer mode both sides accept'),
  title: z.string().trim().min(2).max(200).optional(),
  valueFen: fenSchema,
  manager: managerSchema,
  commissionRule: commissionRuleSchema,
  landingParkId: idSchema.optional(),
});

export const contractBody = z.object({
  contractId: idSchema.optional(),
  type: contractTypeSchema,
  title: z.string().trim().min(2).max(200),
  seller: contractSellerSchema,
  buyer: enterpriseSchema,
  valueFen: fenSchema,
  manager: managerSchema,
  commissionRule: commissionRuleSchema,
  technologyId: idSchema,
  demandId: idSchema.optional(),
  landingParkId: idSchema.optional(),
});

export const registerBody = z.object({
  registrationNumber: z.string().trim().min(4).max(40).describe('技术合同登记号'),
  registrar: organisationSchema.extend({ region: regionCodeSchema }),
  confirmedValueFen: fenSchema.describe('核定技术交易额'),
});

const listFilters = {
  region: regionCodeSchema.optional(),
  field: industryFieldSchema.optional(),
};
export const demandListQuery = pageQuerySchema.extend({ ...listFilters, status: z.enum(['published', 'closed']).optional() });
export const challengeListQuery = pageQuerySchema.extend({
  ...listFilters,
  status: z.enum(['open', 'racing', 'awarded', 'cancelled']).optional(),
});
export const matchListQuery = pageQuerySchema.extend({
  region: regionCodeSchema.optional().describe("buyer's or seller's region"),
  status: z.enum(['proposed', 'accepted', 'declined', 'contracted']).optional(),
  demandId: idSchema.optional(),
  technologyId: idSchema.optional(),
  crossRegion: z.enum(['true', 'false']).optional(),
});
export const contractListQuery = pageQuerySchema.extend({
  region: regionCodeSchema.optional().describe("buyer's or seller's region"),
  sellerRegion: regionCodeSchema.optional(),
  buyerRegion: regionCodeSchema.optional(),
  type: contractTypeSchema.optional(),
  status: z.enum(['drafted', 'signed', 'registered', 'terminated']).optional(),
});
export const technologyListQuery = pageQuerySchema.extend({
  ...listFilters,
  status: z.enum(['unknown', 'draft', 'published', 'withdrawn', 'transferred']).optional(),
});
