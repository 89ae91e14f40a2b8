import { SERVICES, type ServiceName } from './services';

export interface TopicConfig {
  'cleanup.policy': 'delete' | 'compact';
  /** milliseconds as a string, Kafka style; "-1" keeps records forever */
  'retention.ms': string;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  config: TopicConfig;
  /** service (or "agencies") that writes to the topic */
  producer: ServiceName | 'agencies' | 'operators';
  consumers: (ServiceName | 'agencies' | 'operators')[];
  /** what the record key holds */
  key: string;
  description: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Domain topics are the system of record for replays, so history is kept for good; compaction
// would keep only the last event per aggregate and break replay.
const FOREVER: TopicConfig = { 'cleanup.policy': 'delete', 'retention.ms': '-1' };
const days = (n: number): TopicConfig => ({ 'cleanup.policy': 'delete', 'retention.ms': String(n * DAY_MS) });

export const ingestTopic = (svc: ServiceName): string => `corridor.${svc}.ingest.v1`;
export const rejectionsTopic = (svc: ServiceName): string => `corridor.${svc}.rejections.v1`;
export const dlqTopic = (svc: ServiceName): string => `corridor.${svc}.dlq.v1`;

const domainTopics: TopicSpec[] = [
  {
    name: 'corridor.supply.technology.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'supply',
    consumers: ['demand', 'fund'],
    key: 'technology id',
    description: 'technology (科技成果) lifecycle, PoC and pilot results, transfers',
  },
  {
    name: 'corridor.demand.demand.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'demand',
    // demand matches a newly published need from its own event, so a crash after the write still matches.
    consumers: ['demand'],
    key: 'demand id',
    description: 'needs (需求包) published and closed',
  },
  {
    name: 'corridor.demand.challenge.v1',
    partitions: 3,
    config: FOREVER,
    producer: 'demand',
    consumers: [],
    key: 'challenge id',
    description: 'open challenges (揭榜挂帅), bids and awards',
  },
  {
    name: 'corridor.demand.match.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'demand',
    consumers: [],
    key: 'match id',
    description: 'proposed, accepted and declined matches',
  },
  {
    name: 'corridor.demand.contract.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'demand',
    // demand reads its own contract events too: closing the need once the contract is signed.
    consumers: ['demand', 'supply', 'park', 'fund'],
    key: 'contract id',
    description: 'technology contracts (技术合同) signed, registered, terminated',
  },
  {
    name: 'corridor.park.park.v1',
    partitions: 3,
    config: FOREVER,
    producer: 'park',
    consumers: [],
    key: 'park id',
    description: 'parks and carriers registered',
  },
  {
    name: 'corridor.park.application.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'park',
    consumers: ['fund'],
    key: 'application id',
    description: 'settlement applications through to registration and settlement',
  },
  {
    name: 'corridor.fund.fund.v1',
    partitions: 3,
    config: FOREVER,
    producer: 'fund',
    consumers: [],
    key: 'fund id',
    description: 'guidance funds established',
  },
  {
    name: 'corridor.fund.investment.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'fund',
    consumers: [],
    key: 'investment id',
    description: 'investments committed, disbursed, converted',
  },
  {
    name: 'corridor.fund.loan.v1',
    partitions: 6,
    config: FOREVER,
    producer: 'fund',
    consumers: [],
    key: 'pool id',
    description: 'risk-compensation pool loans, defaults, compensations',
  },
];

const perServiceTopics: TopicSpec[] = SERVICES.flatMap((svc): TopicSpec[] => [
  {
    name: ingestTopic(svc),
    partitions: 6,
    config: days(7),
    producer: 'agencies',
    consumers: [svc],
    key: 'aggregate id',
    description: `agency commands for ${svc}`,
  },
  {
    name: rejectionsTopic(svc),
    partitions: 3,
    config: days(30),
    producer: svc,
    consumers: ['agencies'],
    key: 'original ce_id',
    description: `why ${svc} refused agency commands`,
  },
  {
    name: dlqTopic(svc),
    partitions: 1,
    config: days(30),
    producer: svc,
    consumers: ['operators'],
    key: 'original key',
    description: `records ${svc} could not process (raw original + dlq_* headers)`,
  },
]);

export const topicCatalogue: readonly TopicSpec[] = [...domainTopics, ...perServiceTopics];

export function topicSpec(name: string): TopicSpec | undefined {
  return topicCatalogue.find((t) => t.name === name);
}
