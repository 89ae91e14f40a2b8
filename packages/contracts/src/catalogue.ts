import type { z } from 'zod';
import type { ServiceName } from './services';
import { ingestTopic, rejectionsTopic } from './topics';
import { EXAMPLES } from './examples';
import * as supply from './events/supply';
import * as demand from './events/demand';
import * as park from './events/park';
import * as fund from './events/fund';
import * as ingest from './events/ingest';

export type EventKind = 'event' | 'command' | 'feedback';

export interface EventSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  topic: string;
  aggregate: string;
  /** field of the data that holds the aggregate id (CloudEvents subject and Kafka key) */
  subjectField: string;
  producer: ServiceName | 'agencies';
  kind: EventKind;
  description: string;
  example: z.output<S>;
}

function spec<S extends z.ZodType>(
  schema: S,
  topic: string,
  aggregate: string,
  subjectField: string,
  producer: ServiceName | 'agencies',
  kind: EventKind = 'event',
): Omit<EventSpec<S>, 'example' | 'description'> {
  return { schema, topic, aggregate, subjectField, producer, kind };
}

const TECH = 'corridor.supply.technology.v1';
const DEMAND = 'corridor.demand.demand.v1';
const CHALLENGE = 'corridor.demand.challenge.v1';
const MATCH = 'corridor.demand.match.v1';
const CONTRACT = 'corridor.demand.contract.v1';
const PARK = 'corridor.park.park.v1';
const APPLICATION = 'corridor.park.application.v1';
const FUND = 'corridor.fund.fund.v1';
const INVESTMENT = 'corridor.fund.investment.v1';
const LOAN = 'corridor.fund.loan.v1';

const definitions = {
  'corridor.supply.technology.published.v1': spec(
    supply.technologyPublishedSchema,
    TECH,
    'technology',
    'technologyId',
    'supply',
  ),
  'corridor.supply.technology.updated.v1': spec(
    supply.technologyUpdatedSchema,
    TECH,
    'technology',
    'technologyId',
    'supply',
  ),
  'corridor.supply.technology.withdrawn.v1': spec(
    supply.technologyWithdrawnSchema,
    TECH,
    'technology',
    'technologyId',
    'supply',
  ),
  'corridor.supply.technology.poc-completed.v1': spec(
    supply.technologyPocCompletedSchema,
    TECH,
    'technology',
    'technologyId',
    'supply',
  ),
  'corridor.supply.technology.pilot-completed.v1': spec(
    supply.technologyPilotCompletedSchema,
    TECH,
    'technology',
    'technologyId',
    'supply',
  ),
  'corridor.supply.technology.transferred.v1': spec(
    supply.technologyTransferredSchema,
    TECH,
    'technology',
    'technologyId',
    'supply',
  ),

  'corridor.demand.demand.published.v1': spec(
    demand.demandPublishedSchema,
    DEMAND,
    'demand',
    'demandId',
    'demand',
  ),
  'corridor.demand.demand.closed.v1': spec(demand.demandClosedSchema, DEMAND, 'demand', 'demandId', 'demand'),
  'corridor.demand.challenge.posted.v1': spec(
    demand.challengePostedSchema,
    CHALLENGE,
    'challenge',
    'challengeId',
    'demand',
  ),
  'corridor.demand.challenge.bid-submitted.v1': spec(
    demand.challengeBidSubmittedSchema,
    CHALLENGE,
    'challenge',
    'challengeId',
    'demand',
  ),
  'corridor.demand.challenge.awarded.v1': spec(
    demand.challengeAwardedSchema,
    CHALLENGE,
    'challenge',
    'challengeId',
    'demand',
  ),
  'corridor.demand.match.proposed.v1': spec(demand.matchProposedSchema, MATCH, 'match', 'matchId', 'demand'),
  'corridor.demand.match.accepted.v1': spec(demand.matchAcceptedSchema, MATCH, 'match', 'matchId', 'demand'),
  'corridor.demand.match.declined.v1': spec(demand.matchDeclinedSchema, MATCH, 'match', 'matchId', 'demand'),
  'corridor.demand.contract.signed.v1': spec(
    demand.contractSignedSchema,
    CONTRACT,
    'contract',
    'contractId',
    'demand',
  ),
  'corridor.demand.contract.registered.v1': spec(
    demand.contractRegisteredSchema,
    CONTRACT,
    'contract',
    'contractId',
    'demand',
  ),
  'corridor.demand.contract.terminated.v1': spec(
    demand.contractTerminatedSchema,
    CONTRACT,
    'contract',
    'contractId',
    'demand',
  ),

  'corridor.park.park.registered.v1': spec(park.parkRegisteredSchema, PARK, 'park', 'parkId', 'park'),
  'corridor.park.application.submitted.v1': spec(
    park.applicationSubmittedSchema,
    APPLICATION,
    'application',
    'applicationId',
    'park',
  ),
  'corridor.park.application.approved.v1': spec(
    park.applicationApprovedSchema,
    APPLICATION,
    'application',
    'applicationId',
    'park',
  ),
  'corridor.park.application.rejected.v1': spec(
    park.applicationRejectedSchema,
    APPLICATION,
    'application',
    'applicationId',
    'park',
  ),
  'corridor.park.application.withdrawn.v1': spec(
    park.applicationWithdrawnSchema,
    APPLICATION,
    'application',
    'applicationId',
    'park',
  ),
  'corridor.park.enterprise.registered.v1': spec(
    park.enterpriseRegisteredSchema,
    APPLICATION,
    'application',
    'applicationId',
    'park',
  ),
  'corridor.park.enterprise.settled.v1': spec(
    park.enterpriseSettledSchema,
    APPLICATION,
    'application',
    'applicationId',
    'park',
  ),

  'corridor.fund.fund.established.v1': spec(fund.fundEstablishedSchema, FUND, 'fund', 'fundId', 'fund'),
  'corridor.fund.investment.committed.v1': spec(
    fund.investmentCommittedSchema,
    INVESTMENT,
    'investment',
    'investmentId',
    'fund',
  ),
  'corridor.fund.investment.disbursed.v1': spec(
    fund.investmentDisbursedSchema,
    INVESTMENT,
    'investment',
    'investmentId',
    'fund',
  ),
  'corridor.fund.investment.converted.v1': spec(
    fund.investmentConvertedSchema,
    INVESTMENT,
    'investment',
    'investmentId',
    'fund',
  ),
  'corridor.fund.loan.registered.v1': spec(fund.loanRegisteredSchema, LOAN, 'loan', 'poolId', 'fund'),
  'corridor.fund.loan.defaulted.v1': spec(fund.loanDefaultedSchema, LOAN, 'loan', 'poolId', 'fund'),
  'corridor.fund.loan.compensated.v1': spec(fund.loanCompensatedSchema, LOAN, 'loan', 'poolId', 'fund'),

  'corridor.supply.technology.publish-requested.v1': spec(
    ingest.technologyInputSchema,
    ingestTopic('supply'),
    'technology',
    'technologyId',
    'agencies',
    'command',
  ),
  'corridor.demand.demand.publish-requested.v1': spec(
    ingest.demandInputSchema,
    ingestTopic('demand'),
    'demand',
    'demandId',
    'agencies',
    'command',
  ),
  'corridor.park.application.submit-requested.v1': spec(
    ingest.applicationInputSchema,
    ingestTopic('park'),
    'application',
    'applicationId',
    'agencies',
    'command',
  ),
  'corridor.fund.loan.register-requested.v1': spec(
    ingest.loanInputSchema,
    ingestTopic('fund'),
    'loan',
    'poolId',
    'agencies',
    'command',
  ),

  'corridor.supply.ingest.rejected.v1': spec(
    ingest.ingestRejectedSchema,
    rejectionsTopic('supply'),
    'ingest',
    'originalId',
    'supply',
    'feedback',
  ),
  'corridor.demand.ingest.rejected.v1': spec(
    ingest.ingestRejectedSchema,
    rejectionsTopic('demand'),
    'ingest',
    'originalId',
    'demand',
    'feedback',
  ),
  'corridor.park.ingest.rejected.v1': spec(
    ingest.ingestRejectedSchema,
    rejectionsTopic('park'),
    'ingest',
    'originalId',
    'park',
    'feedback',
  ),
  'corridor.fund.ingest.rejected.v1': spec(
    ingest.ingestRejectedSchema,
    rejectionsTopic('fund'),
    'ingest',
    'originalId',
    'fund',
    'feedback',
  ),
};

type Definitions = typeof definitions;
export type EventType = keyof Definitions;
export type EventSchema<T extends EventType> = Definitions[T]['schema'];
export type EventData<T extends EventType> = z.output<EventSchema<T>>;
export type EventCatalogue = { readonly [T in EventType]: EventSpec<EventSchema<T>> };

export const EVENT_TYPES = Object.keys(definitions) as EventType[];

export const eventCatalogue: EventCatalogue = Object.fromEntries(
  EVENT_TYPES.map((type) => {
    const d = definitions[type];
    const example = EXAMPLES[type];
    // A catalogue whose examples do not validate would mislead every agency reading the docs.
    const parsed = d.schema.safeParse(example);
    if (!parsed.success) {
      throw new Error(
        `example for ${type} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return [type, { ...d, description: d.schema.description ?? type, example: parsed.data }];
  }),
) as unknown as EventCatalogue;

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(definitions, type);
}

export function topicFor(type: EventType): string {
  return eventCatalogue[type].topic;
}

/** Event types an agency may send to a service's ingest topic. */
export function ingestCommandTypes(svc: ServiceName): EventType[] {
  return EVENT_TYPES.filter((t) => eventCatalogue[t].kind === 'command' && t.startsWith(`corridor.${svc}.`));
}

export function rejectionTypeFor(svc: ServiceName): EventType {
  return `corridor.${svc}.ingest.rejected.v1` as EventType;
}
