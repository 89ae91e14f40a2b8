import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import type { Admin } from 'kafkajs';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import {
  dlqTopic,
  rejectionsTopic,
  topicCatalogue,
  topicFor,
  type CorridorEvent,
  type ServiceName,
} from '@corridor/contracts';
import { initMetrics } from '../metrics';
import { createKafka, type KafkaSettings } from '../messaging/kafka/client';
import { EventPublisher } from '../messaging/kafka/publisher';
import { ensureTopics, type TopicSpecLike } from '../messaging/kafka/topics';
import { connectMongo, type ConnectMongoOptions } from '../messaging/mongo/connection';
import { AggregateStore } from '../messaging/mongo/aggregate-store';
import { OutboxRelay } from '../messaging/outbox-relay';
import { assertRegionWrite, canReadAllRegions, hasRole, requireRole } from './auth';
import type { BaseConfig } from './config';
import { createHttpApp, type ReadinessCheck } from './http';
import { ensureIdempotencyIndexes } from './idempotency';
import { kpiGauge, type KpiCollector } from './kpi';
import { createLogger } from './logger';
import { ServiceUnavailableProblem, sendProblem } from './problem';
import { RouteRegistry } from './routes';
import { startConsumers, type ConsumerSpec, type RunningConsumer } from './consumers';

type Db = mongoose.mongo.Db;

/** What routes, handlers and KPI collectors get: everything is live once `start()` has connected. */
export interface ServiceContext<C extends BaseConfig = BaseConfig> {
  readonly name: string;
  readonly config: C;
  readonly logger: Logger;
  readonly db: Db;
  readonly connection: mongoose.Connection;
  readonly publisher: EventPublisher;
  readonly kafka: KafkaSettings;
  /** The aggregate store (with outbox) of one of the declared `collections`. */
  store<T extends object>(collection: string): AggregateStore<T>;
  readonly auth: {
    assertRegionWrite: typeof assertRegionWrite;
    requireRole: typeof requireRole;
    hasRole: typeof hasRole;
    canReadAllRegions: typeof canReadAllRegions;
  };
}

export interface CreateServiceOptions<C extends BaseConfig = BaseConfig> {
  name: string;
  /** Short service name of the contracts (supply, demand, park, fund): owner of DLQ and rejection topics. */
  service?: ServiceName;
  version?: string;
  config: C;
  logger?: Logger;
  /** Aggregate collections that carry an outbox; one relay publishes all of them. */
  collections?: string[];
  /**
   * Topics created at start-up when missing: `'catalogue'` = every catalogue topic `service`
   * produces or consumes (see topicsFor), or explicit specs. Names are catalogue names; the kit
   * adds `topicPrefix`.
   */
  topics?: readonly TopicSpecLike[] | 'catalogue';
  /**
   * Prepended (with a dot) to every topic the service touches: produced events, ensured topics,
   * consumer topics, DLQ and rejections. Tests use it to share one broker; default TOPIC_PREFIX.
   */
  topicPrefix?: string;
  routes?: (router: RouteRegistry, ctx: ServiceContext<C>) => void;
  /** Catalogue topic names; a function form runs in start(), after MongoDB is connected. */
  consumers?: ConsumerSpec[] | ((ctx: ServiceContext<C>) => ConsumerSpec[]);
  kpis?: KpiCollector[] | ((ctx: ServiceContext<C>) => KpiCollector[]);
  /** Topic of an event; default the catalogue's (with `topicPrefix`). */
  topicOf?: (event: CorridorEvent) => string;
  mongo?: ConnectMongoOptions;
  relay?: { pollIntervalMs?: number; batchSize?: number };
  /** Runs after everything is connected and before the HTTP server listens. */
  onStart?: (ctx: ServiceContext<C>) => Promise<void>;
}

export interface Service<C extends BaseConfig = BaseConfig> {
  /** Usable at once: answers /healthz immediately and everything else once `start()` finished. */
  app: Express;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The listening port (useful with PORT=0); undefined before start. */
  readonly port: number | undefined;
  readonly ctx: ServiceContext<C>;
}

/**
 * Builds a service from declarations: connects MongoDB (with retry), creates missing topics,
 * starts the outbox relay, the consumers and the HTTP server; `stop()` is the graceful reverse.
 */
export function createService<C extends BaseConfig>(opts: CreateServiceOptions<C>): Service<C> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(opts.name, config.LOG_LEVEL);
  const version = opts.version ?? config.SERVICE_VERSION;
  const kafka: KafkaSettings = { brokers: config.KAFKA_BROKERS, clientId: opts.name };
  const topicPrefix = opts.topicPrefix ?? config.TOPIC_PREFIX ?? '';
  const topicName = (name: string) => (topicPrefix ? `${topicPrefix}.${name}` : name);
  const publisher = new EventPublisher({
    ...kafka,
    topicOf: opts.topicOf ?? ((e) => topicName(topicFor(e.type))),
  });

  let connection: mongoose.Connection | undefined;
  let admin: Admin | undefined;
  let relay: OutboxRelay | undefined;
  let server: Server | undefined;
  let consumers: RunningConsumer[] = [];
  let inner: Express | undefined;
  let accepting = false;
  let started: Promise<void> | undefined;
  const stores = new Map<string, AggregateStore<object>>();

  const requireService = (what: string): ServiceName => {
    if (!opts.service) throw new Error(`${opts.name}: ${what} needs createService({ service })`);
    return opts.service;
  };
  const notStarted = (what: string): never => {
    throw new Error(`${opts.name}: ${what} is not available before start()`);
  };
  const ctx: ServiceContext<C> = {
    name: opts.name,
    config,
    logger,
    get db() {
      return connection?.db ?? notStarted('db');
    },
    get connection() {
      return connection ?? notStarted('connection');
    },
    publisher,
    kafka,
    store<T extends object>(collection: string): AggregateStore<T> {
      const store = stores.get(collection);
      if (store) return store as unknown as AggregateStore<T>;
      if (!connection) return notStarted(`store(${collection})`);
      throw new Error(
        `${opts.name}: collection ${collection} is not declared in createService({ collections })`,
      );
    },
    auth: { assertRegionWrite, requireRole, hasRole, canReadAllRegions },
  };

  // The outer app exists before start() so tests and main.ts can hold on to it; the real routes
  // are mounted once MongoDB is connected.
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use((req, res, next) => {
    if (inner) return inner(req, res, next);
    sendProblem(req, res, new ServiceUnavailableProblem('The service is starting'));
  });

  const kafkaReachable = async () => {
    if (!admin) {
      // No retries: readiness must answer within its timeout, not after kafkajs' backoff.
      const candidate = createKafka(
        { ...kafka, connectionTimeoutMs: 1500 },
        { retry: { retries: 0 } },
      ).admin();
      await candidate.connect();
      admin = candidate;
    }
    try {
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('Kafka reports no brokers');
    } catch (err) {
      const stale = admin;
      admin = undefined;
      await stale.disconnect().catch(() => undefined);
      throw err;
    }
  };
  const readiness: ReadinessCheck[] = [
    { name: 'mongodb', check: async () => void (await ctx.db.command({ ping: 1 }, { timeoutMS: 1500 })) },
    { name: 'kafka', check: kafkaReachable },
  ];

  async function doStart(): Promise<void> {
    initMetrics(opts.name);
    // Request data reaching mongoose models must never be read as query operators.
    mongoose.set('sanitizeFilter', true);
    connection = await connectMongo(config.MONGO_URL, { logger, ...opts.mongo });
    const db = connection.db!;
    await ensureIdempotencyIndexes(db);
    const topics =
      opts.topics === 'catalogue' ? topicsFor(requireService('topics: "catalogue"')) : (opts.topics ?? []);
    if (topics.length)
      await ensureTopics(
        kafka,
        topics.map((t) => ({ ...t, name: topicName(t.name) })),
      );
    await publisher.connect();

    for (const name of opts.collections ?? []) stores.set(name, new AggregateStore<object>(db, name));
    relay = new OutboxRelay({ stores: [...stores.values()], publisher, logger, ...opts.relay });
    relay.start();

    const kpis = typeof opts.kpis === 'function' ? opts.kpis(ctx) : (opts.kpis ?? []);
    for (const k of kpis) kpiGauge(k);

    const routes = new RouteRegistry();
    opts.routes?.(routes, ctx);
    inner = createHttpApp({
      name: opts.name,
      version,
      logger,
      routes,
      jwtSecret: config.JWT_SECRET,
      db: () => ctx.db,
      readiness,
      isAcceptingTraffic: () => accepting,
      bodyLimit: config.HTTP_BODY_LIMIT,
    });

    if (opts.onStart) await opts.onStart(ctx);
    const specs = typeof opts.consumers === 'function' ? opts.consumers(ctx) : (opts.consumers ?? []);
    consumers = await startConsumers(
      specs.map((spec) => {
        const service = spec.service ?? requireService(`consumer ${spec.groupId}`);
        return {
          ...spec,
          service,
          // Consumer groups get the prefix too: runs sharing a broker must not share offsets.
          groupId: topicName(spec.groupId),
          topics: spec.topics.map(topicName),
          dlqTopic: topicName(spec.dlqTopic ?? dlqTopic(service)),
          rejectionsTopic: topicName(spec.rejectionsTopic ?? rejectionsTopic(service)),
        };
      }),
      ctx,
    );

    await new Promise<void>((resolve, reject) => {
      const s = app.listen(config.PORT, (err?: Error) => (err ? reject(err) : resolve()));
      server = s;
    });
    accepting = true;
    logger.info({ port: (server!.address() as AddressInfo).port, version }, 'service started');
  }

  async function stop(): Promise<void> {
    if (!started) return;
    await started.catch(() => undefined);
    accepting = false;
    logger.info('shutting down');
    // 1. No new requests; in-flight ones finish (idle keep-alive sockets are closed so close() resolves).
    if (server) {
      const s = server;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      await closed;
      server = undefined;
    }
    // 2. Consumers finish and commit the batch in hand.
    await Promise.allSettled(consumers.map((c) => c.stop()));
    consumers = [];
    // 3. Everything already committed to MongoDB reaches Kafka before we go.
    if (relay) {
      const drained = await relay.flush(config.SHUTDOWN_TIMEOUT_MS / 2);
      if (!drained) logger.warn('outbox not fully flushed at shutdown; the next start publishes the rest');
      await relay.stop();
      relay = undefined;
    }
    await publisher.close().catch((err: unknown) => logger.warn({ err }, 'producer close failed'));
    await admin?.disconnect().catch(() => undefined);
    admin = undefined;
    await connection?.close().catch((err: unknown) => logger.warn({ err }, 'MongoDB close failed'));
    connection = undefined;
    inner = undefined;
    stores.clear();
    started = undefined;
    logger.info('stopped');
  }

  return {
    app,
    ctx,
    get port() {
      const addr = server?.address();
      return addr && typeof addr === 'object' ? addr.port : undefined;
    },
    start() {
      started ??= doStart().catch(async (err: unknown) => {
        logger.error({ err }, 'start failed');
        throw err;
      });
      return started;
    },
    stop,
  };
}

/** Every catalogue topic a service produces or consumes, including its ingest, rejections and DLQ topics. */
export function topicsFor(service: ServiceName): TopicSpecLike[] {
  return topicCatalogue
    .filter((t) => t.producer === service || t.consumers.includes(service))
    .map((t) => ({ name: t.name, partitions: t.partitions, config: { ...t.config } }));
}

export interface RunMainOptions {
  logger?: Logger;
  /** From startTelemetry(); flushed after the service stopped. */
  telemetry?: { shutdown(): Promise<void> };
  /** Hard limit for a graceful stop before exiting with code 1. */
  shutdownTimeoutMs?: number;
}

/**
 * Entry-point helper for `main.ts`: starts the service and turns SIGTERM/SIGINT into a graceful
 * stop with exit code 0 (1 when start-up or shutdown fails or overruns).
 */
export async function runMain(
  create: () => Service | Promise<Service>,
  options: RunMainOptions = {},
): Promise<void> {
  const log = options.logger ?? createLogger('main');
  let service: Service;
  try {
    service = await create();
  } catch (err) {
    log.fatal({ err }, 'could not create the service');
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'signal received, stopping');
    const timeoutMs = options.shutdownTimeoutMs ?? service.ctx.config.SHUTDOWN_TIMEOUT_MS;
    setTimeout(() => {
      log.error({ timeoutMs }, 'graceful shutdown overran, exiting');
      process.exit(1);
    }, timeoutMs).unref();
    service
      .stop()
      .then(() => options.telemetry?.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await service.start();
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    await options.telemetry?.shutdown().catch(() => undefined);
    process.exit(1);
  }
}
