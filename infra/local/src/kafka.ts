import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, findJava } from './artifacts';
import { freePort } from './ports';
import { ManagedProcess } from './supervisor';
import { serve, type ServerLifecycle } from './server';

export interface LocalKafkaOptions {
  /** Broker data and logs; a fresh temporary folder when omitted. */
  dataDir?: string;
  /** PLAINTEXT listener port; a free port when omitted. */
  port?: number;
  /** KRaft controller port; a free port when omitted. */
  controllerPort?: number;
  startTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface LocalKafkaHandle extends ServerLifecycle {
  /** `127.0.0.1:<port>`, usable as KAFKA_BROKERS. */
  brokers: string;
  port: number;
  dataDir: string;
  logFile: string;
}

/** Kafka's own cluster id format: 16 random bytes, URL-safe base64 without padding, no leading '-'. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(port: number, controllerPort: number, logDirs: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDirs}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    // Fewer internal partitions make the first consumer group and transaction much faster to set up.
    'offsets.topic.num.partitions=8',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=4',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    'log.retention.hours=24',
    'log.segment.bytes=16777216',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=INFO, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka=INFO',
  'log4j.logger.org.apache.kafka=INFO',
  'log4j.logger.state.change.logger=WARN',
  'log4j.logger.kafka.log.LogCleaner=WARN',
  '',
].join('\n');

function jvmArgs(conf: string, lib: string): string[] {
  return [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${path.join(conf, 'log4j.properties')}`,
    // Later HotSpot flags win, so e.g. benchmarks can pass -XX:TieredStopAtLevel=4 -Xmx2g here.
    ...(process.env.CORRIDOR_KAFKA_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean),
    '-cp',
    `${lib}/*`,
  ];
}

/** Answers once the broker serves metadata requests (not just accepts TCP). */
export async function kafkaAnswers(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'corridor-local-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) return false;
    // Asking for a group's coordinator makes the broker create __consumer_offsets; waiting for
    // it here spares the first consumer of every run "group coordinator not available" retries.
    const groups = await admin.describeGroups(['corridor-local-readiness']);
    return groups.groups.length === 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Starts a single-node KRaft broker (combined broker+controller) from the cached jars. */
export async function startLocalKafka(opts: LocalKafkaOptions = {}): Promise<LocalKafkaHandle> {
  const log = opts.log ?? (() => {});
  const lib = ensureKafkaJars(log);
  const java = findJava();
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'corridor-kafka-'));
  const port = opts.port ?? (await freePort());
  const controllerPort = opts.controllerPort ?? (await freePort());
  const conf = path.join(dataDir, 'config');
  const logDirs = path.join(dataDir, 'data');
  const logFile = path.join(dataDir, 'kafka.log');
  mkdirSync(conf, { recursive: true });
  mkdirSync(logDirs, { recursive: true });
  const props = path.join(conf, 'server.properties');
  writeFileSync(props, serverProperties(port, controllerPort, logDirs));
  writeFileSync(path.join(conf, 'log4j.properties'), LOG4J);
  const idFile = path.join(conf, 'cluster-id');
  if (!existsSync(idFile)) writeFileSync(idFile, clusterId());
  const id = readFileSync(idFile, 'utf8').trim();
  const env = { ...process.env, KAFKA_HEAP_OPTS: undefined, LOG_DIR: dataDir };

  const format = new ManagedProcess({
    name: 'kafka-storage-format',
    command: java,
    args: [
      ...jvmArgs(conf, lib),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      id,
      '-c',
      props,
      '--ignore-formatted',
    ],
    env,
    logFile,
  });
  format.start();
  const formatted = await format.waitForExit();
  if (formatted.code !== 0) throw new Error(`formatting Kafka storage failed: ${format.exitReason()}`);

  const broker = new ManagedProcess({
    name: 'kafka',
    command: java,
    args: [...jvmArgs(conf, lib), 'kafka.Kafka', props],
    env,
    logFile,
    stopTimeoutMs: 20_000,
  });
  const brokers = `127.0.0.1:${port}`;

  const lifecycle = await serve({
    process: broker,
    name: 'kafka',
    address: brokers,
    logFile,
    answers: () => kafkaAnswers(brokers),
    timeoutMs: opts.startTimeoutMs ?? 90_000,
    intervalMs: 250,
    dataDir,
    ownsDataDir,
    log,
  });
  return Object.assign(lifecycle, { brokers, port, dataDir, logFile });
}
