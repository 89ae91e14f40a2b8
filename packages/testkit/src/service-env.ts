import { brokerList } from './kafka';
import { testDatabaseUrl } from './mongo';

/**
 * The environment a service under test is configured from (pass it to the kit's `loadConfig`):
 * any free port, a fresh database on MONGO_URL, the shared KAFKA_BROKERS and quiet logs
 * (`TEST_LOG_LEVEL` to see them). `overrides` add or replace variables (AGENCY_REGIONS, JWT_SECRET …).
 */
export function testServiceEnv(serviceName: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SERVICE_NAME: serviceName,
    PORT: '0',
    MONGO_URL: testDatabaseUrl(serviceName),
    KAFKA_BROKERS: brokerList().join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
}
