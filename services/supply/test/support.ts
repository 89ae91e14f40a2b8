import { encodeEvent, type CorridorEvent, type RegionCode } from '@corridor/contracts';
import { type BaseConfig, loadConfig, type Role, type Service, signToken } from '@corridor/service-kit';
import { testDatabaseUrl, testKafka, uniqueName } from '@corridor/testkit';
import type { KafkaMessage } from 'kafkajs';
import { createSupplyService } from '../src/app';

export interface Running {
  service: Service;
  config: BaseConfig;
  prefix: string;
  token(region: RegionCode, ...roles: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/** The real service in-process against the shared broker and database, with its own db and topics. */
export async function startSupply(): Promise<Running> {
  const prefix = uniqueName('supply');
  const config = loadConfig(undefined, {
    SERVICE_NAME: 'supply',
    PORT: '0',
    MONGO_URL: testDatabaseUrl('supply'),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AGENCY_REGIONS: JSON.stringify({ 'bj-kjj': ['CN-BJ'] }),
  });
  const service = createSupplyService({ config, topicPrefix: prefix });
  await service.start();
  return {
    service,
    config,
    prefix,
    token: (region, ...roles) =>
      signToken({ secret: config.JWT_SECRET, sub: `${region}-${roles.join('+')}`, region, roles: roles.length ? roles : ['agency-writer'] }),
    stop: () => service.stop(),
  };
}

export async function produce(topic: string, events: CorridorEvent[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: events.map((e) => encodeEvent(e)) });
  } finally {
    await producer.disconnect();
  }
}

export async function produceRaw(topic: string, messages: { key: string; value: string; headers: Record<string, string> }[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Collects every record of a topic from the beginning until stopped. */
export async function collect(topic: string): Promise<{ messages: KafkaMessage[]; stop(): Promise<void> }> {
  const consumer = testKafka().consumer({ groupId: uniqueName('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return { messages, stop: () => consumer.disconnect() };
}

export const header = (m: KafkaMessage, name: string) => m.headers?.[name]?.toString();
