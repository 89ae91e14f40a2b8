import mongoose from 'mongoose';
import { backoffDelay, sleep } from '../backoff';
import { errorMessage } from '../errors';
import { fallbackLogger, type MessagingLogger } from '../logger';

export type Db = mongoose.mongo.Db;

export interface ConnectMongoOptions {
  /** give up after this many attempts (default 20) */
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  /**
   * How long one operation waits for a reachable server before failing (default 5000). Kept short
   * so a consumer notices an outage, pauses and keeps heartbeating instead of hanging.
   */
  serverSelectionTimeoutMS?: number;
  logger?: MessagingLogger;
}

/**
 * Connects with retries (the database may start after the service). Returns the mongoose
 * connection; the kit's stores use its native `db`. No sessions or transactions are ever used:
 * FerretDB and standalone MongoDB have none.
 */
export async function connectMongo(url: string, options: ConnectMongoOptions = {}): Promise<mongoose.Connection> {
  const attempts = options.attempts ?? 20;
  const logger = options.logger ?? fallbackLogger;
  for (let attempt = 1; ; attempt++) {
    const conn = mongoose.createConnection(url, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
      retryWrites: false,
    });
    try {
      await conn.asPromise();
      await conn.db!.command({ ping: 1 });
      return conn;
    } catch (err) {
      await conn.close().catch(() => undefined);
      if (attempt >= attempts) throw err;
      const delay = backoffDelay(attempt, { baseMs: options.baseMs ?? 200, maxMs: options.maxMs ?? 5000 });
      logger.warn({ attempt, delay, err: errorMessage(err) }, 'MongoDB not reachable yet, retrying');
      await sleep(delay);
    }
  }
}

/** True when the server answers a ping; used to decide when a paused consumer may resume. */
export async function mongoReachable(db: Db): Promise<boolean> {
  try {
    await db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
