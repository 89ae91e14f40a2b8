import { creditCodeCheckChar, createEvent, topicFor, type CorridorEvent, type EventType } from '@corridor/contracts';
import { EventPublisher, loadConfig, signToken, type Role, type Service } from '@corridor/service-kit';
import { brokerList, collectTopics, testServiceEnv, uniqueName, waitFor } from '@corridor/testkit';
import type { KafkaMessage } from 'kafkajs';
import request from 'supertest';
import { createFundService } from '../../src/app';

export const JWT_SECRET = 'fund-test-secret-0123456789';

export interface Harness {
  service: Service;
  prefix: string;
  http: () => ReturnType<typeof request>;
  token(region: string, roles: Role[], agency?: string): Promise<string>;
  /** Publishes another service's (or an agency's) event to the prefixed topic, as that producer would. */
  publish(events: CorridorEvent[]): Promise<void>;
  /** The prefixed name of a catalogue topic. */
  topic(name: string): string;
  stop(): Promise<void>;
}

/** The fund service in-process against the real broker and database, with its own topics and database. */
export async function startFund(agencyRegions: Record<string, string[]> = {}): Promise<Harness> {
  const prefix = uniqueName('fund');
  const config = loadConfig(undefined, testServiceEnv('fund', { JWT_SECRET, AGENCY_REGIONS: JSON.stringify(agencyRegions) }));
  const service = createFundService({ config, topicPrefix: prefix });
  await service.start();
  const publisher = new EventPublisher({ brokers: brokerList(), clientId: `${prefix}-test`, topicOf: (e) => `${prefix}.${topicFor(e.type)}` });
  return {
    service,
    prefix,
    http: () => request(service.app),
    token: (region, roles, agency) => signToken({ secret: JWT_SECRET, sub: `test-${region}`, region, roles, ...(agency ? { agency } : {}) }),
    publish: (events) => publisher.publish(events),
    topic: (name: string) => `${prefix}.${name}`,
    stop: async () => {
      await publisher.close();
      // The database is this run's alone; leave the shared server as we found it.
      await service.ctx.db.dropDatabase().catch(() => undefined);
      await service.stop();
    },
  };
}

/** A valid 统一社会信用代码 whose body is derived from `seed` (the check character is computed). */
export function creditCode(seed: number): string {
  const body = `911201${String(seed).padStart(6, '0')}MA05J`.slice(0, 17).padEnd(17, '0');
  return body + creditCodeCheckChar(body);
}

export function otherServiceEvent<T extends EventType>(
  type: T,
  source: string,
  region: string,
  data: unknown,
  extra: { id?: string; correlationId?: string } = {},
): CorridorEvent<T> {
  return createEvent(type, { source, region: region as never, data: data as never, ...extra });
}

export interface TopicRecord {
  key: string;
  value: Record<string, unknown>;
  headers: Record<string, string>;
}

const toRecord = (message: KafkaMessage): TopicRecord => ({
  key: String(message.key),
  value: JSON.parse(String(message.value)) as Record<string, unknown>,
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
});

/** Reads a topic from the beginning until a record satisfies `match` (or the deadline passes). */
export async function findRecord(topic: string, match: (r: TopicRecord) => boolean, timeoutMs = 20_000): Promise<TopicRecord> {
  const reader = await collectTopics(topic, toRecord);
  try {
    return await waitFor(() => reader.records.find(match), { timeoutMs, description: `a matching record on ${topic}` });
  } finally {
    await reader.stop();
  }
}
