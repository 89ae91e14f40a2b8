#!/usr/bin/env node
// corridor-local: fetch | up | down — runs a Kafka broker and a MongoDB-compatible server on
// loopback without Docker. `up` stays in the foreground; its children die with it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFerretDb, ensureKafkaJars, findMongod } from './artifacts';
import { startLocalKafka } from './kafka';
import type { LocalKafkaHandle } from './kafka';
import { startLocalMongo } from './mongo';
import type { LocalMongoHandle } from './mongo';
import { exitOnSignals } from './supervisor';
import { pollUntil } from './wait';

const USAGE = `usage: corridor-local <command> [options]
  fetch                      download the Kafka jars and build FerretDB into .cache/ (idempotent)
  up                         start Kafka + database, print their URLs, run until SIGINT/SIGTERM
    --state-dir <dir>        data, logs and state.json (default: a temporary folder)
    --kafka-port <n>         broker port (default: free port)
    --mongo-port <n>         database port (default: free port)
    --engine mongod|ferretdb database engine (default: mongod when on PATH)
    --write-env <file>       also write 'export KAFKA_BROKERS=… MONGO_URL=…' lines there
    --no-kafka / --no-mongo  start only one of them
  down --state-dir <dir>     stop the 'up' process recorded in <dir>/state.json`;

interface State {
  pid: number;
  kafka?: { brokers: string; pid: number | undefined; port: number };
  mongo?: { url: string; pid: number | undefined; port: number; engine: string };
}

const log = (msg: string) => console.error(`[corridor-local] ${msg}`);

async function up(values: Record<string, string | boolean | undefined>): Promise<void> {
  const stateDir = path.resolve(
    (values['state-dir'] as string | undefined) ?? path.join(os.tmpdir(), `corridor-local-${process.pid}`),
  );
  mkdirSync(stateDir, { recursive: true });
  // Filled as each server comes up, so a signal during start-up still stops what already runs.
  const running: { kafka?: LocalKafkaHandle; mongo?: LocalMongoHandle } = {};
  const stateFile = path.join(stateDir, 'state.json');
  const envFile = values['write-env'] as string | undefined;
  const cleanup = async () => {
    log('stopping');
    await Promise.all([running.kafka?.stop(), running.mongo?.stop()]);
    rmSync(stateFile, { force: true });
    // A stale env file would send later test runs to a server that is gone.
    if (envFile) rmSync(envFile, { force: true });
    log('stopped');
  };
  exitOnSignals(cleanup);

  const port = (name: string) => (values[name] ? Number(values[name]) : undefined);
  const engine = values.engine as 'mongod' | 'ferretdb' | undefined;
  const started = Date.now();
  const [kafka, mongo] = await Promise.all([
    values['no-kafka']
      ? undefined
      : startLocalKafka({ dataDir: path.join(stateDir, 'kafka'), port: port('kafka-port'), log }).then(
          (h) => (running.kafka = h),
        ),
    values['no-mongo']
      ? undefined
      : startLocalMongo({
          dataDir: path.join(stateDir, 'mongo'),
          port: port('mongo-port'),
          engine,
          log,
        }).then((h) => (running.mongo = h)),
  ]);
  const state: State = {
    pid: process.pid,
    kafka: kafka && { brokers: kafka.brokers, pid: kafka.pid, port: kafka.port },
    mongo: mongo && { url: mongo.url, pid: mongo.pid, port: mongo.port, engine: mongo.engine },
  };
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  const lines = [
    `# corridor-local up (pid ${process.pid}, state ${stateFile})`,
    kafka ? `export KAFKA_BROKERS=${kafka.brokers}` : undefined,
    mongo ? `export MONGO_URL='${mongo.url}'` : undefined,
  ].filter((l): l is string => l !== undefined);
  if (envFile) writeFileSync(envFile, `${lines.join('\n')}\n`);
  log(`ready in ${Date.now() - started} ms`);
  // Machine-readable ready line on stdout; everything else goes to stderr.
  console.log(`READY ${JSON.stringify(state)}`);
  // Keep the event loop alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

async function down(values: Record<string, string | boolean | undefined>): Promise<void> {
  const stateDir = values['state-dir'] as string | undefined;
  if (!stateDir) throw new Error('down needs --state-dir');
  const stateFile = path.join(path.resolve(stateDir), 'state.json');
  if (!existsSync(stateFile)) {
    log(`nothing running (${stateFile} not found)`);
    return;
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch {
    log(`process ${state.pid} already gone`);
    rmSync(stateFile, { force: true });
    return;
  }
  await pollUntil(async () => !alive(state.pid), {
    timeoutMs: 40_000,
    description: `pid ${state.pid} to exit`,
  });
  log(`stopped pid ${state.pid}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'state-dir': { type: 'string' },
      'kafka-port': { type: 'string' },
      'mongo-port': { type: 'string' },
      engine: { type: 'string' },
      'write-env': { type: 'string' },
      'no-kafka': { type: 'boolean' },
      'no-mongo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'fetch': {
      const t0 = Date.now();
      log(`kafka jars: ${ensureKafkaJars(log)} (${Date.now() - t0} ms)`);
      const t1 = Date.now();
      const mongod = findMongod();
      if (mongod) log(`mongod found at ${mongod}; building FerretDB anyway as the fallback`);
      log(`ferretdb: ${ensureFerretDb(log)} (${Date.now() - t1} ms)`);
      return;
    }
    case 'up':
      return up(values);
    case 'down':
      return down(values);
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
