import {
  freePort,
  mongoAnswers,
  mongoServerUrl,
  mongoUrlWithDb,
  pollUntil,
  startLocalMongo,
} from '@corridor/local-infra';
import { dockerAvailable } from './docker';
import { uniqueName } from './names';
import { containerHost, loadTestcontainers } from './testcontainers';

export const MONGO_IMAGE = 'mongo:7';

export interface MongoHandle {
  /** Server URL without a database (`mongodb://host:port/?…`), the same format as MONGO_URL. */
  url: string;
  source: 'env' | 'docker' | 'local';
  /** `mongod` or `ferretdb` when known. */
  engine: 'mongod' | 'ferretdb' | 'unknown';
  stop(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A MongoDB-compatible server for tests: MONGO_URL when set, else a mongo:7 container when Docker
 * answers, else the local launcher (mongod on PATH, or FerretDB).
 */
export async function startMongo(): Promise<MongoHandle> {
  const fromEnv = process.env.MONGO_URL;
  if (fromEnv) {
    const noop = async () => undefined;
    return {
      url: fromEnv,
      source: 'env',
      engine: 'unknown',
      stop: noop,
      destroy: noop,
      restart: () =>
        Promise.reject(new Error('cannot restart a server given by MONGO_URL; use startDedicatedMongo()')),
    };
  }
  if (await dockerAvailable()) return startMongoContainer();
  return startDedicatedMongo();
}

/** Always a private server from the local launcher, for tests that stop and restart it. */
export async function startDedicatedMongo(
  opts: { dataDir?: string; engine?: 'mongod' | 'ferretdb' } = {},
): Promise<MongoHandle> {
  const local = await startLocalMongo(opts);
  return {
    url: local.url,
    source: 'local',
    engine: local.engine,
    stop: () => local.stop(),
    restart: () => local.restart(),
    destroy: () => local.destroy(),
  };
}

async function startMongoContainer(): Promise<MongoHandle> {
  const tc = loadTestcontainers();
  const host = await containerHost(tc);
  const port = await freePort();
  const container = await new tc.GenericContainer(MONGO_IMAGE)
    .withExposedPorts({ container: 27017, host: port })
    .withWaitStrategy(tc.Wait.forLogMessage(/Waiting for connections/))
    .withStartupTimeout(120_000)
    .start();
  const url = mongoServerUrl(port).replace('127.0.0.1', host);
  await pollUntil(() => mongoAnswers(url), {
    timeoutMs: 60_000,
    description: `mongo container on ${host}:${port}`,
  });
  return {
    url,
    source: 'docker',
    engine: 'mongod',
    stop: async () => {
      await container.stop();
    },
    destroy: async () => {
      await container.stop();
    },
    restart: () =>
      Promise.reject(new Error('the shared container cannot restart; use startDedicatedMongo()')),
  };
}

/** URL of database `name` on the shared server (MONGO_URL) or on `serverUrl`. */
export function mongoUrlForDb(name: string, serverUrl: string | undefined = process.env.MONGO_URL): string {
  if (!serverUrl)
    throw new Error('MONGO_URL is not set: run under the testkit jest global setup or call startMongo()');
  return mongoUrlWithDb(serverUrl, name);
}

/** URL of a database no other test uses (`<prefix>-<time>-<random>`). */
export function testDatabaseUrl(prefix = 'test', serverUrl?: string): string {
  return mongoUrlForDb(uniqueName(prefix), serverUrl);
}
