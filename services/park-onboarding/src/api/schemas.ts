import { z } from 'zod';
import {
  applicationInputSchema,
  applicationKindSchema,
  creditCodeSchema,
  idSchema,
  industryFieldSchema,
  isoDateTimeSchema,
  nameSchema,
  parkKindSchema,
  parkRegisteredSchema,
  reasonSchema,
  regionCodeSchema,
} from '@corridor/contracts';
import { pageQuerySchema } from '@corridor/service-kit';
import { APPLICATION_STATUSES, REJECTION_CODES } from '../domain';

// Request bodies reuse the contract's field schemas, so HTTP and the agency ingest accept exactly
// the same data and report the same messages.

export const registerParkBody = parkRegisteredSchema
  .omit({ parkId: true, registeredAt: true })
  .extend({ parkId: idSchema.optional().describe('assigned by the service when absent') })
  .strict();

export const submitApplicationBody = applicationInputSchema;

export const rejectBody = z.object({ reasonCode: z.enum(REJECTION_CODES), reason: reasonSchema }).strict();
export const withdrawBody = z.object({ reason: reasonSchema.optional() }).strict();
export const registerBody = z
  .object({
    name: nameSchema.describe('name of the new local registration'),
    creditCode: creditCodeSchema.describe('统一社会信用代码 of the new local registration'),
    registeredAt: isoDateTimeSchema.optional(),
  })
  .strict();
export const settleBody = z.object({ settledAt: isoDateTimeSchema.optional() }).strict();

export const idParams = z.object({ id: idSchema });

export const parkListQuery = pageQuerySchema.extend({
  region: regionCodeSchema.optional(),
  field: industryFieldSchema.optional(),
  kind: parkKindSchema.optional(),
});

export const applicationListQuery = pageQuerySchema.extend({
  region: regionCodeSchema.optional().describe('region of the park'),
  originRegion: regionCodeSchema.optional(),
  parkId: idSchema.optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  kind: applicationKindSchema.optional(),
});

export const parkView = z.object({
  id: z.string(),
  name: z.string(),
  kind: parkKindSchema,
  region: z.string(),
  city: z.string().optional(),
  focusFields: z.array(z.string()),
  capacity: z.number().int(),
  operator: z.object({ name: z.string(), creditCode: z.string().optional() }),
  occupants: z.array(z.string()).describe('applications holding a place (approved, registered, settled)'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const applicationView = z.object({
  id: z.string(),
  parkId: z.string(),
  parkRegion: z.string(),
  kind: applicationKindSchema,
  status: z.enum(APPLICATION_STATUSES),
  contractId: z.string().optional(),
  technologyId: z.string().optional(),
  enterprise: z.object({
    enterpriseId: z.string().optional(),
    name: z.string(),
    creditCode: z.string(),
    originRegion: z.string(),
    originCity: z.string().optional(),
  }),
  headcount: z.number().int().optional(),
  requestedAreaSqm: z.number().int().optional(),
  note: z.string().optional(),
  localEntity: z.object({ name: z.string(), creditCode: z.string(), region: z.string() }).optional(),
  decision: z.object({ reasonCode: z.string().optional(), reason: z.string().optional(), decidedAt: z.string() }).optional(),
  submittedAt: z.string(),
  reviewStartedAt: z.string().optional(),
  approvedAt: z.string().optional(),
  registeredAt: z.string().optional(),
  settledAt: z.string().optional(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const parkPage = page(parkView);
export const applicationPage = page(applicationView);

export const kpiQuery = z.object({ parkId: idSchema.optional(), region: regionCodeSchema.optional() });
export const kpiView = z.object({
  settlements: z
    .array(z.object({ parkRegion: z.string(), originRegion: z.string(), count: z.number().int() }))
    .describe('settled enterprises by park region and origin region'),
  settlementsByPark: z.array(
    z.object({ parkId: z.string(), parkRegion: z.string(), originRegion: z.string(), count: z.number().int() }),
  ),
  occupancy: z.array(
    z.object({ parkId: z.string(), name: z.string(), region: z.string(), capacity: z.number().int(), occupied: z.number().int(), ratio: z.number() }),
  ),
  applications: z.array(z.object({ parkRegion: z.string(), status: z.string(), count: z.number().int() })),
});
