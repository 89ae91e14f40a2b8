import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ensureFerretDb, findMongod } from './artifacts';
import { freePort } from './ports';
import { ManagedProcess } from './supervisor';
import { pollUntil } from './wait';

export interface LocalMongoOptions {
  /** Database files and logs; a fresh temporary folder when omitted. */
  dataDir?: string;
  port?: number;
  /** Force one engine; by default a `mongod` on PATH wins over FerretDB. */
  engine?: 'mongod' | 'ferretdb';
  startTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface LocalMongoHandle {
  /** `mongodb://127.0.0.1:<port>/?directConnection=true&retryWrites=false` (no database in the path). */
  url: string;
  port: number;
  engine: 'mongod' | 'ferretdb';
  dataDir: string;
  logFile: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the server and deletes its data folder when the launcher created it. */
  destroy(): Promise<void>;
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

  const launch = async () => {
    server.start();
    log(`${engine} pid ${server.pid} starting on 127.0.0.1:${port} (log ${logFile})`);
    try {
      await pollUntil(() => mongoAnswers(url), {
        timeoutMs: opts.startTimeoutMs ?? 60_000,
        intervalMs: 200,
        description: `${engine} on 127.0.0.1:${port}`,
        abort: () => server.exitReason(),
      });
    } catch (err) {
      await server.stop();
      throw err;
    }
  };
  await launch();

  return {
    url,
    port,
    engine,
    dataDir,
    logFile,
    get pid() {
      return server.pid;
    },
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      await launch();
    },
    destroy: async () => {
      await server.stop();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
