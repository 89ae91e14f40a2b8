import { creditCodeCheckChar, encodeEvent, type CorridorEvent, type RegionCode } from '@corridor/contracts';
import { type BaseConfig, loadConfig, type Role, type Service, signToken } from '@corridor/service-kit';
import { testDatabaseUrl, testKafka, uniqueName } from '@corridor/testkit';
import type { KafkaMessage } from 'kafkajs';
import { createParkOnboardingService } from '../src/app';

export interface Running {
  service: Service;
  config: BaseConfig;
  prefix: string;
  token(region: RegionCode, ...roles: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/** The real service in-process against the shared broker and database, with its own db and topics. */
export async function startPark(): Promise<Running> {
  const prefix = uniqueName('park');
  const config = loadConfig(undefined, {
    SERVICE_NAME: 'park-onboarding',
    PORT: '0',
    MONGO_URL: testDatabaseUrl('park'),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AGENCY_REGIONS: JSON.stringify({ 'tj-kjj': ['CN-TJ'] }),
  });
  const service = createParkOnboardingService({ config, topicPrefix: prefix });
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

// kit-gap: testkit produceEvents (docs/notes/kit-requests.md)
export async function produce(topic: string, events: CorridorEvent[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: events.map((e) => encodeEvent(e)) });
  } finally {
    await producer.disconnect();
  }
}

// kit-gap: testkit collectTopic (docs/notes/kit-requests.md)
export async function collect(topic: string): Promise<{ messages: KafkaMessage[]; stop(): Promise<void> }> {
  const consumer = testKafka().consumer({ groupId: uniqueName('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return { messages, stop: () => consumer.disconnect() };
}

export const header = (m: KafkaMessage, name: string) => m.headers?.[name]?.toString();

/** A valid 统一社会信用代码 from 17 characters (the 18th is the GB 32100 check character). */
export const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
