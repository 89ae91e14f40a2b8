import path from 'node:path';
import { topicCatalogue } from '@corridor/contracts';
import { ManagedProcess, freePort, mongoUrlWithDb, pollUntil, repoRoot } from '@corridor/local-infra';
import { ensureTopics } from '@corridor/service-kit';

export const SERVICE_NAMES = ['supply', 'demand', 'park-onboarding', 'fund'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type ServiceUrls = Record<ServiceName, string>;

/** Default ports of `npm start` (docs/ARCHITECTURE.md "Ports"). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  supply: 4101,
  demand: 4102,
  'park-onboarding': 4103,
  fund: 4104,
};

/** Which regions an agency source may act for on the ingest topics (AGENCY_REGIONS). */
export const DEFAULT_AGENCY_REGIONS = { 'bj-kjj': ['CN-BJ'], 'tj-kjj': ['CN-TJ'], 'he-kjt': ['CN-HE'] };

export interface StartServicesOptions {
  kafkaBrokers: string;
  /** Server URL; each service gets its own database `<databasePrefix><name>` on it. */
  mongoUrl: string;
  /** 'auto' = free ports (tests); default DEFAULT_PORTS. */
  ports?: Partial<Record<ServiceName, number>> | 'auto';
  /** Default `corridor_` → corridor_supply, corridor_demand, corridor_park_onboarding, corridor_fund. */
  databasePrefix?: string;
  /** TOPIC_PREFIX for all four, so several platforms can share one broker. */
  topicPrefix?: string;
  logDir: string;
  jwtSecret: string;
  /** Extra environment for every service (OTEL_*, LOG_LEVEL, …). */
  env?: Record<string, string | undefined>;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningService {
  name: ServiceName;
  port: number;
  url: string;
  database: string;
  logFile: string;
  process: ManagedProcess;
}

export interface RunningServices {
  services: RunningService[];
  urls: ServiceUrls;
  /** SIGTERM to all four at once (each drains and flushes its outbox), SIGKILL after 30 s. */
  stop(): Promise<void>;
}

export function databaseName(prefix: string, service: ServiceName): string {
  return `${prefix}${service.replace(/-/g, '_')}`;
}

/** Where a service's compiled entry point is (services/<name>/dist/main.js). */
export function serviceEntry(service: ServiceName): string {
  return path.join(repoRoot(), 'services', service, 'dist', 'main.js');
}

async function portsFor(opt: StartServicesOptions['ports']): Promise<Record<ServiceName, number>> {
  if (opt === 'auto') {
    const ports = {} as Record<ServiceName, number>;
    for (const s of SERVICE_NAMES) ports[s] = await freePort();
    return ports;
  }
  return { ...DEFAULT_PORTS, ...opt };
}

/**
 * Starts the four services as separate Node processes and resolves once every `/readyz` says
 * ready (MongoDB and Kafka really reachable). A service that dies while starting fails the
 * call with the tail of its log, and the others are stopped.
 */
export async function startServices(opts: StartServicesOptions): Promise<RunningServices> {
  const ports = await portsFor(opts.ports);
  const prefix = opts.databasePrefix ?? 'corridor_';
  const services: RunningService[] = SERVICE_NAMES.map((name) => {
    const port = ports[name];
    const database = databaseName(prefix, name);
    const logFile = path.join(opts.logDir, `${name}.log`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...opts.env,
      SERVICE_NAME: name,
      PORT: String(port),
      MONGO_URL: mongoUrlWithDb(opts.mongoUrl, database),
      KAFKA_BROKERS: opts.kafkaBrokers,
      JWT_SECRET: opts.jwtSecret,
      AGENCY_REGIONS: process.env.AGENCY_REGIONS ?? JSON.stringify(DEFAULT_AGENCY_REGIONS),
    };
    // A prefix from the parent environment must not leak into a platform that did not ask for one.
    delete env.TOPIC_PREFIX;
    if (opts.topicPrefix) env.TOPIC_PREFIX = opts.topicPrefix;
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const proc = new ManagedProcess({
      name,
      command: process.execPath,
      args: [serviceEntry(name)],
      cwd: path.join(repoRoot(), 'services', name),
      env,
      logFile,
      stopTimeoutMs: 30_000,
    });
    return { name, port, url: `http://127.0.0.1:${port}`, database, logFile, process: proc };
  });

  const stop = async () => {
    await Promise.all(services.map((s) => s.process.stop()));
  };

  // Four services creating overlapping topics at the same moment trip over each other in the
  // kit's ensureTopics (UNKNOWN_TOPIC_OR_PARTITION while waiting for leaders), so the whole
  // catalogue is created once, up front; each service then finds its topics there.
  await ensureCatalogueTopics(opts.kafkaBrokers, opts.topicPrefix);

  try {
    for (const s of services) {
      s.process.start();
      opts.log?.(
        `  ${s.name.padEnd(16)} pid ${s.process.pid} → ${s.url} (db ${s.database}, log ${s.logFile})`,
      );
    }
    await Promise.all(
      services.map((s) =>
        pollUntil(() => ready(s.url), {
          timeoutMs: opts.readyTimeoutMs ?? 90_000,
          intervalMs: 250,
          description: `${s.name} /readyz`,
          abort: () => s.process.exitReason(),
        }),
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const urls = Object.fromEntries(services.map((s) => [s.name, s.url])) as ServiceUrls;
  return { services, urls, stop };
}

async function ready(url: string): Promise<boolean> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
  await res.arrayBuffer();
  return res.status === 200;
}

/** Every catalogue topic (with the prefix), created where missing. */
export async function ensureCatalogueTopics(kafkaBrokers: string, topicPrefix?: string): Promise<void> {
  await ensureTopics(
    kafkaBrokers.split(','),
    topicCatalogue.map((t) => ({
      name: topicPrefix ? `${topicPrefix}.${t.name}` : t.name,
      partitions: t.partitions,
      config: { ...t.config },
    })),
  );
}
