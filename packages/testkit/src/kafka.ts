import { freePort, kafkaAnswers, pollUntil, startLocalKafka } from '@corridor/local-infra';
import { Kafka, logLevel } from 'kafkajs';
import type { ITopicConfig, KafkaConfig } from 'kafkajs';
import { dockerAvailable } from './docker';
import { containerHost, loadTestcontainers } from './testcontainers';

export const KAFKA_IMAGE = 'apache/kafka:3.9.1';

export interface KafkaHandle {
  /** Comma-separated bootstrap list, the same format as KAFKA_BROKERS. */
  brokers: string;
  /** Where the broker came from: the environment, a container, or the local launcher. */
  source: 'env' | 'docker' | 'local';
  /** Stops the broker if this handle started it (a no-op for `env`). */
  stop(): Promise<void>;
  /** Brings a stopped broker back on the same address with the same data. */
  restart(): Promise<void>;
  /** Stops for good and frees the data. */
  destroy(): Promise<void>;
}

export function brokerList(brokers: string = requiredEnv('KAFKA_BROKERS')): string[] {
  return brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run under the testkit's jest global setup or call startKafka()/startMongo()`,
    );
  return value;
}

/**
 * A broker for tests: KAFKA_BROKERS when set, else a container when Docker answers, else the
 * local launcher (Kafka jars from Maven Central).
 */
export async function startKafka(): Promise<KafkaHandle> {
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv) {
    const noop = async () => undefined;
    return {
      brokers: fromEnv,
      source: 'env',
      stop: noop,
      destroy: noop,
      restart: () =>
        Promise.reject(
          new Error('cannot restart a broker given by KAFKA_BROKERS; use startDedicatedKafka()'),
        ),
    };
  }
  if (await dockerAvailable()) return startKafkaContainer();
  return startDedicatedKafka();
}

/** Always a private broker from the local launcher, for tests that stop and restart it. */
export async function startDedicatedKafka(opts: { dataDir?: string } = {}): Promise<KafkaHandle> {
  const local = await startLocalKafka(opts);
  return {
    brokers: local.brokers,
    source: 'local',
    stop: () => local.stop(),
    restart: () => local.restart(),
    destroy: () => local.destroy(),
  };
}

async function startKafkaContainer(): Promise<KafkaHandle> {
  const tc = loadTestcontainers();
  const host = await containerHost(tc);
  // Same port inside and outside, so the advertised listener is right and survives restarts.
  const port = await freePort();
  const container = await new tc.GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      CLUSTER_ID: 'corridor-testkit-kafka01',
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:29093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:29093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '8',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(tc.Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(180_000)
    .start();
  const brokers = `${host}:${port}`;
  await pollUntil(() => kafkaAnswers(brokers), {
    timeoutMs: 60_000,
    description: `Kafka container on ${brokers}`,
  });
  return {
    brokers,
    source: 'docker',
    stop: async () => {
      await container.stop();
    },
    destroy: async () => {
      await container.stop();
    },
    restart: () =>
      Promise.reject(new Error('the shared container broker cannot restart; use startDedicatedKafka()')),
  };
}

/** A kafkajs client for tests: quiet logs, short retries, brokers from KAFKA_BROKERS by default. */
export function testKafka(config: Partial<KafkaConfig> & { brokers?: string[] } = {}): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  return new Kafka({
    clientId: 'corridor-test',
    logLevel: logLevel.ERROR,
    retry: { retries: 5, initialRetryTime: 100 },
    ...config,
    brokers: config.brokers ?? brokerList(),
  });
}

/** Creates topics and waits until their partitions have leaders. */
export async function createTopics(
  topics: (string | ITopicConfig)[],
  opts: { brokers?: string; numPartitions?: number } = {},
): Promise<void> {
  const admin = testKafka({ brokers: brokerList(opts.brokers) }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) =>
        typeof t === 'string' ? { topic: t, numPartitions: opts.numPartitions ?? 1 } : t,
      ),
    });
  } finally {
    await admin.disconnect();
  }
}
