import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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

/** A kit fixture (test/runtime/fixtures/<name>.ts) running as its own process, with its JSON log lines. */
export interface FixtureProcess<L> {
  child: ChildProcess;
  lines: L[];
  /** undefined while running; the exit code (or null when killed by a signal) after. */
  readonly exitCode: number | null | undefined;
}

export async function spawnFixture<L = Record<string, unknown>>(
  name: string,
  fixture: string,
  extraEnv: Record<string, string> = {},
): Promise<FixtureProcess<L>> {
  const { mongoServerUrl, brokers } = await infra();
  const cfg = testConfig(name, testDatabaseUrl(name, mongoServerUrl), brokers);
  const child = spawn(
    process.execPath,
    ['-r', path.join(__dirname, 'fixtures/ts-register.js'), path.join(__dirname, 'fixtures', fixture)],
    {
      env: {
        ...process.env,
        SERVICE_NAME: name,
        PORT: '0',
        MONGO_URL: cfg.MONGO_URL,
        KAFKA_BROKERS: cfg.KAFKA_BROKERS.join(','),
        LOG_LEVEL: 'info',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const fixtureProcess = { child, lines: [] as L[], exitCode: undefined as number | null | undefined };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        fixtureProcess.lines.push(JSON.parse(line) as L);
      } catch {
        // not a log line
      }
    }
  });
  child.on('exit', (code) => (fixtureProcess.exitCode = code));
  return fixtureProcess;
}
