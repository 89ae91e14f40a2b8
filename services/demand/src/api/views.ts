import {
  challengePostedSchema,
  contractSignedSchema,
  demandFields,
  enterpriseSchema,
  fenSchema,
  idSchema,
  institutionSchema,
  isoDateTimeSchema,
  matchProposedSchema,
  regionCodeSchema,
  technologyFields,
} from '@corridor/contracts';
import { z } from 'zod';

// Response shapes for the OpenAPI document. Loose objects: the documented fields are promised,
// new fields may appear without a version change.

const stored = {
  version: z.number().int().describe('optimistic-concurrency version of the record'),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
};

export const needView = z.looseObject({
  demandId: idSchema,
  ...demandFields,
  region: regionCodeSchema,
  minTrl: z.number().int(),
  status: z.enum(['published', 'closed']),
  publishedAt: isoDateTimeSchema,
  closedAt: isoDateTimeSchema.optional(),
  outcome: z.enum(['fulfilled', 'expired', 'withdrawn']).optional(),
  contractId: idSchema.optional(),
  ...stored,
});

const bidView = z.looseObject({
  bidId: idSchema,
  status: z.enum(['submitted', 'racing', 'not-selected', 'eliminated', 'awarded']),
  fundedFen: fenSchema.describe('race funding received so far'),
  eliminatedAtStage: z.number().int().optional(),
  requestedFen: fenSchema,
});

export const challengeView = z.looseObject({
  ...challengePostedSchema.shape,
  status: z.enum(['open', 'racing', 'awarded', 'cancelled']),
  bids: z.array(bidView),
  stageReviews: z.array(z.object({ stage: z.number().int(), reviewedAt: isoDateTimeSchema, advancingBidIds: z.array(idSchema) })),
  awardedBidId: idSchema.optional(),
  ...stored,
});

const factor = z.object({ factor: z.string(), points: z.number().int(), max: z.number().int(), reason: z.string() });
export const matchView = z.looseObject({
  matchId: idSchema,
  demandId: idSchema,
  technologyId: idSchema,
  buyerRegion: regionCodeSchema,
  sellerRegion: regionCodeSchema,
  crossRegion: z.boolean(),
  score: z.number().int().min(0).max(100).describe('points out of 100'),
  explanation: z.looseObject({
    score: z.number().int(),
    factors: z.array(factor),
    commonKeywords: z.array(z.string()),
    region: z.looseObject({ crossRegion: z.boolean(), sameCluster: z.boolean(), note: z.string() }),
  }),
  status: z.enum(['proposed', 'accepted', 'declined', 'contracted']),
  acceptances: z.looseObject({}).optional().describe('buyer / seller consent so far'),
  contractId: idSchema.optional(),
  ...stored,
}).describe(matchProposedSchema.description ?? 'match');

export const contractView = z.looseObject({
  contractId: idSchema,
  type: contractSignedSchema.shape.type,
  title: z.string(),
  seller: institutionSchema.omit({ creditCode: true }),
  buyer: enterpriseSchema,
  valueFen: fenSchema,
  manager: z.object({ id: idSchema, name: z.string() }),
  commissionFen: fenSchema,
  status: z.enum(['drafted', 'signed', 'registered', 'terminated']),
  registration: z
    .looseObject({ number: z.string(), confirmedValueFen: fenSchema, registeredAt: isoDateTimeSchema })
    .optional(),
  landingParkId: idSchema.optional(),
  ...stored,
});

export const technologyView = z.looseObject({
  technologyId: idSchema,
  ...technologyFields,
  status: z.enum(['unknown', 'draft', 'published', 'withdrawn', 'transferred']),
});

export const pageOf = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item), nextCursor: z.string().optional() });
