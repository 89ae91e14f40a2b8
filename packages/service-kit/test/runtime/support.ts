import { startKafka, startMongo, testDatabaseUrl } from '@corridor/testkit';
import { loadConfig, type BaseConfig } from '../../src/runtime/config';

export const TEST_SECRET = 'runtime-test-secret-0123456789';

/** The shared broker and database server (from the testkit global setup or /tmp/corridor-dev.env). */
export async function infra(): Promise<{ mongoServerUrl: string; brokers: string }> {
  const [mongo, kafka] = await Promise.all([startMongo(), startKafka()]);
  return { mongoServerUrl: mongo.url, brokers: kafka.brokers };
}

export function testConfig(name: string, mongoUrl: string, brokers: string): BaseConfig {
  return loadConfig(undefined, {
    SERVICE_NAME: name,
    PORT: '0',
    MONGO_URL: mongoUrl,
    KAFKA_BROKERS: brokers,
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_SECRET,
    SHUTDOWN_TIMEOUT_MS: '10000',
  });
}

export { testDatabaseUrl };
