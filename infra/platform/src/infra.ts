import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  freePort,
  kafkaAnswers,
  mongoAnswers,
  mongoServerUrl,
  pollUntil,
  repoRoot,
  startLocalKafka,
  startLocalMongo,
} from '@corridor/local-infra';

export interface Infra {
  kafkaBrokers: string;
  /** Server URL without a database name. */
  mongoUrl: string;
  /** Where they came from: the environment, Docker Compose, or the no-Docker launcher. */
  source: 'env' | 'docker' | 'local';
  describe: string;
  stop(): Promise<void>;
}

export interface InfraOptions {
  /** Data of the local launcher's broker and database; kept between runs. */
  dataDir: string;
  log: (line: string) => void;
  /** Ignore a Docker engine even when one answers. */
  noDocker?: boolean;
}

/**
 * The broker and the database for the platform: KAFKA_BROKERS + MONGO_URL from the environment
 * when both are set (tests, an already running pair); else Docker Compose when an engine
 * answers; else the project's local launcher (Kafka from Maven Central jars, mongod or FerretDB).
 */
export async function startInfra(opts: InfraOptions): Promise<Infra> {
  const { KAFKA_BROKERS, MONGO_URL } = process.env;
  if (KAFKA_BROKERS && MONGO_URL) {
    return {
      kafkaBrokers: KAFKA_BROKERS,
      mongoUrl: MONGO_URL,
      source: 'env',
      describe: 'from KAFKA_BROKERS / MONGO_URL',
      stop: async () => {},
    };
  }
  if (!opts.noDocker && process.env.CORRIDOR_PLATFORM_DOCKER !== '0' && composeCommand())
    return startWithCompose(opts);
  opts.log(`  starting Kafka and the database with the local launcher (data in ${opts.dataDir})`);
  const [kafka, mongo] = await Promise.allSettled([
    startLocalKafka({ dataDir: path.join(opts.dataDir, 'kafka') }),
    startLocalMongo({ dataDir: path.join(opts.dataDir, 'mongo') }),
  ]);
  if (kafka.status === 'rejected' || mongo.status === 'rejected') {
    await Promise.all([
      kafka.status === 'fulfilled' && kafka.value.stop(),
      mongo.status === 'fulfilled' && mongo.value.stop(),
    ]);
    throw kafka.status === 'rejected' ? kafka.reason : (mongo as PromiseRejectedResult).reason;
  }
  const k = kafka.value;
  const m = mongo.value;
  return {
    kafkaBrokers: k.brokers,
    mongoUrl: m.url,
    source: 'local',
    describe: `local launcher: Kafka pid ${k.pid} (log ${k.logFile}), database pid ${m.pid} (log ${m.logFile})`,
    // The services are stopped before this runs; the broker after the database has nothing left to lose.
    stop: async () => {
      await Promise.all([k.stop(), m.stop()]);
    },
  };
}

/** `docker compose …` (v2 plugin) or `docker-compose …` (v1), when a Docker engine answers. */
function composeCommand(): string[] | undefined {
  const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    stdio: 'ignore',
    timeout: 5000,
  });
  if (engine.status !== 0) return undefined;
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore', timeout: 5000 }).status === 0)
    return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore', timeout: 5000 }).status === 0)
    return ['docker-compose'];
  return undefined;
}

function compose(args: string[]): void {
  const [cmd, ...pre] = composeCommand()!;
  const r = spawnSync(cmd!, [...pre, ...args], { cwd: repoRoot(), stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${[...pre, ...args].join(' ')} failed (exit ${r.status})`);
}

/**
 * Compose's broker (host listener on KAFKA_HOST_PORT, default 29092) and one MongoDB container
 * from the compose file's image with a published loopback port; the four services use their own
 * databases on it, as with the local launcher. The services themselves run as local processes.
 */
async function startWithCompose(opts: InfraOptions): Promise<Infra> {
  const kafkaPort = process.env.KAFKA_HOST_PORT ?? '29092';
  const mongoPort = await freePort();
  const mongoName = `corridor-platform-mongo-${process.pid}`;
  opts.log(
    `  Docker engine found: docker compose up -d kafka, and MongoDB as ${mongoName} on 127.0.0.1:${mongoPort}`,
  );
  compose(['up', '-d', 'kafka']);
  compose([
    'run',
    '-d',
    '--rm',
    '--no-deps',
    '--name',
    mongoName,
    '-p',
    `127.0.0.1:${mongoPort}:27017`,
    'mongo-supply',
  ]);
  const kafkaBrokers = `localhost:${kafkaPort}`;
  const mongoUrl = mongoServerUrl(mongoPort);
  await pollUntil(() => kafkaAnswers(kafkaBrokers), {
    timeoutMs: 120_000,
    intervalMs: 1000,
    description: 'Kafka (compose)',
  });
  await pollUntil(() => mongoAnswers(mongoUrl), {
    timeoutMs: 60_000,
    intervalMs: 500,
    description: 'MongoDB (compose)',
  });
  return {
    kafkaBrokers,
    mongoUrl,
    source: 'docker',
    describe: `Docker Compose: kafka (${kafkaBrokers}), ${mongoName} (${mongoUrl})`,
    stop: async () => {
      spawnSync('docker', ['rm', '-f', mongoName], { stdio: 'ignore' });
      compose(['stop', 'kafka']);
    },
  };
}
