import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import mongoose from 'mongoose';
import { uniqueName, waitFor } from '@corridor/testkit';
import { ensureTopics, parseBrokers, type Db, type MessagingLogger } from '../../src/messaging';

export { uniqueName, waitFor };

export function kafkaBrokers(): string[] {
  const value = process.env.KAFKA_BROKERS;
  if (!value) throw new Error('KAFKA_BROKERS is not set (the testkit global setup sets it)');
  return parseBrokers(value);
}

export function mongoUrl(): string {
  const value = process.env.MONGO_URL;
  if (!value) throw new Error('MONGO_URL is not set (the testkit global setup sets it)');
  return value;
}

export interface TestDb {
  db: Db;
  name: string;
  close(): Promise<void>;
}

export async function openDb(url = mongoUrl(), name = uniqueName('kit')): Promise<TestDb> {
  const conn = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 3000, retryWrites: false }).asPromise();
  const db = conn.useDb(name).db!;
  return {
    db,
    name,
    close: async () => {
      await db.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

export async function createTopics(brokers: string[], ...topics: { name: string; partitions?: number }[]): Promise<void> {
  await ensureTopics(brokers, topics.map((t) => ({ name: t.name, partitions: t.partitions ?? 1 })), { replicationFactor: 1 });
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Collects every record of `topics` from the beginning, for assertions (its own consumer group). */
export async function readTopics(brokers: string[], topics: string[]): Promise<{ records: ReadRecord[]; stop(): Promise<void> }> {
  const kafka = new Kafka({ brokers, clientId: 'test-reader', logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const records: ReadRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      records.push({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? null,
        headers: stringHeaders(message.headers),
      });
    },
  });
  return { records, stop: () => consumer.disconnect() };
}

export function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

/** Sends raw records (malformed ones included) the way an agency's client would. */
export async function sendRaw(
  brokers: string[],
  topic: string,
  messages: { key: string | null; value: string | Buffer | null; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = new Kafka({ brokers, clientId: 'test-raw', logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

export interface ExampleProcess {
  child: ChildProcess;
  output: string[];
  waitForLine(line: string, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

/** Runs test/example/main.ts in a child process (real process boundary for crash and signal tests). */
export function spawnExample(env: Record<string, string>): ExampleProcess {
  const dir = path.join(__dirname, '..', 'example');
  const child = spawn(process.execPath, ['-r', path.join(dir, 'register.js'), path.join(dir, 'main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output,
    exited,
    waitForLine: (line, timeoutMs = 30_000) =>
      waitFor(() => output.includes(line) || (child.exitCode !== null && child.exitCode !== 0 ? fail(stderr) : false), {
        timeoutMs,
        description: `example process to print ${line}`,
      }).then(() => undefined),
  };
}

function fail(stderr: string): never {
  throw new Error(`example process failed:\n${stderr}`);
}

export interface CapturedLog {
  level: string;
  msg: string | undefined;
  fields: object;
}

/** A MessagingLogger that keeps what it is told, so tests can wait for the kit to notice things. */
export function captureLogger(): { logger: MessagingLogger; lines: CapturedLog[]; count(msg: string): number } {
  const lines: CapturedLog[] = [];
  const at = (level: string) => (fields: object, msg?: string) => void lines.push({ level, msg, fields });
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
    count: (msg) => lines.filter((l) => l.msg === msg).length,
  };
}
