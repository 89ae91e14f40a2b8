import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ensureFerretDb, findMongod } from './artifacts';
import { freePort } from './ports';
import { ManagedProcess } from './supervisor';
import { serve, type ServerLifecycle } from './server';

export interface LocalMongoOptions {
  /** Database files and logs; a fresh temporary folder when omitted. */
  dataDir?: string;
  port?: number;
  /** Force one engine; by default a `mongod` on PATH wins over FerretDB. */
  engine?: 'mongod' | 'ferretdb';
  startTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface LocalMongoHandle extends ServerLifecycle {
  /** `mongodb://127.0.0.1:<port>/?directConnection=true&retryWrites=false` (no database in the path). */
  url: string;
  port: number;
  engine: 'mongod' | 'ferretdb';
  dataDir: string;
  logFile: string;
}

/** Connection string for one database on a server URL of the form above. */
export function mongoUrlWithDb(serverUrl: string, db: string): string {
  // Parsed by hand because WHATWG URL rejects multi-host authorities (`h1:1,h2:2`).
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(serverUrl);
  if (!match) throw new Error(`not a mongodb:// URL: ${serverUrl}`);
  return `${match[1]}/${db}${match[2] ?? ''}`;
}

export function mongoServerUrl(port: number): string {
  return `mongodb://127.0.0.1:${port}/?directConnection=true&retryWrites=false`;
}

export async function mongoAnswers(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.connect();
    const res = await client.db('admin').command({ ping: 1 });
    return res.ok === 1;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Starts a MongoDB-compatible server: `mongod` when installed, otherwise FerretDB on SQLite. */
export async function startLocalMongo(opts: LocalMongoOptions = {}): Promise<LocalMongoHandle> {
  const log = opts.log ?? (() => {});
  const mongod = opts.engine === 'ferretdb' ? undefined : findMongod();
  if (opts.engine === 'mongod' && !mongod) throw new Error('no mongod on PATH');
  const engine = mongod ? 'mongod' : 'ferretdb';
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `corridor-${engine}-`));
  const port = opts.port ?? (await freePort());
  const dbDir = path.join(dataDir, 'db');
  const logFile = path.join(dataDir, `${engine}.log`);
  mkdirSync(dbDir, { recursive: true });

  const spec = mongod
    ? {
        command: mongod,
        args: ['--dbpath', dbDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--nounixsocket'],
      }
    : {
        command: ensureFerretDb(log),
        args: [
          '--handler=sqlite',
          // FerretDB requires the SQLite URL to name an existing directory and end with '/'.
          `--sqlite-url=file:${dbDir}/`,
          `--listen-addr=127.0.0.1:${port}`,
          `--state-dir=${dataDir}`,
          '--debug-addr=-',
          '--telemetry=disable',
          '--log-level=warn',
        ],
      };
  const server = new ManagedProcess({ name: engine, ...spec, logFile, stopTimeoutMs: 15_000 });
  const url = mongoServerUrl(port);

  const lifecycle = await serve({
    process: server,
    name: engine,
    address: `127.0.0.1:${port}`,
    logFile,
    answers: () => mongoAnswers(url),
    timeoutMs: opts.startTimeoutMs ?? 60_000,
    intervalMs: 200,
    dataDir,
    ownsDataDir,
    log,
  });
  return Object.assign(lifecycle, { url, port, engine, dataDir, logFile } as const);
}
