import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type mongoose from 'mongoose';
import type { Logger } from 'pino';
import { ConflictProblem, UnprocessableProblem, ValidationProblem } from './problem';

type Db = mongoose.mongo.Db;
type Collection<T extends mongoose.mongo.Document> = mongoose.mongo.Collection<T>;

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';
const PENDING_STALE_MS = 60_000;

interface IdempotencyRecord {
  _id: string;
  principal: string;
  method: string;
  route: string;
  key: string;
  requestHash: string;
  state: 'pending' | 'done';
  status?: number;
  contentType?: string;
  body?: string;
  createdAt: Date;
}

/** Key order must not change the hash: clients re-serialise bodies on retry. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function ensureIdempotencyIndexes(db: Db): Promise<void> {
  // FerretDB v1 has no TTL indexes, so old keys are purged by `purgeIdempotencyKeys` instead.
  await db.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION).createIndex({ createdAt: 1 });
}

export async function purgeIdempotencyKeys(db: Db, olderThanMs = 24 * 3600_000): Promise<number> {
  const res = await db
    .collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION)
    .deleteMany({ createdAt: { $lt: new Date(Date.now() - olderThanMs) } });
  return res.deletedCount;
}

function replay(res: Response, rec: IdempotencyRecord): void {
  res.setHeader('Idempotency-Replayed', 'true');
  res.status(rec.status ?? 200);
  if (rec.contentType) res.setHeader('Content-Type', rec.contentType);
  res.send(rec.body ?? '');
}

/**
 * `Idempotency-Key` for unsafe requests: the first response (status + body) is stored under
 * principal + method + route + key, and a retry gets that response back without running the
 * handler again. Reusing a key for a different body is a client bug → 422.
 */
export function idempotency(opts: {
  db: () => Db;
  route: string;
  logger: Logger;
  required?: boolean;
}): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined) {
      if (opts.required)
        throw new ValidationProblem([{ field: 'Idempotency-Key', message: 'header is required' }]);
      return next();
    }
    if (key.length === 0 || key.length > 255) {
      throw new ValidationProblem([{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
    }
    const collection: Collection<IdempotencyRecord> = opts
      .db()
      .collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
    const principal = req.principal?.sub ?? 'anonymous';
    const id = sha256(canonical([principal, req.method, opts.route, key]));
    const requestHash = sha256(canonical(req.body ?? null));

    const claim = async (): Promise<IdempotencyRecord | null> => {
      try {
        await collection.insertOne({
          _id: id,
          principal,
          method: req.method,
          route: opts.route,
          key,
          requestHash,
          state: 'pending',
          createdAt: new Date(),
        });
        return null;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        return collection.findOne({ _id: id });
      }
    };

    let existing = await claim();
    if (
      existing &&
      existing.state === 'pending' &&
      Date.now() - existing.createdAt.getTime() > PENDING_STALE_MS
    ) {
      // The first attempt died mid-flight; let this one take over.
      await collection.deleteOne({ _id: id, state: 'pending', createdAt: existing.createdAt });
      existing = await claim();
    }
    if (existing) {
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableProblem(
          'This Idempotency-Key was already used with a different request body',
          {
            errors: [{ field: 'Idempotency-Key', message: 'reused with a different request body' }],
          },
        );
      }
      if (existing.state === 'pending')
        throw new ConflictProblem('A request with this Idempotency-Key is still being processed');
      return replay(res, existing);
    }

    const originalSend = res.send.bind(res);
    let captured = false;
    res.send = ((body?: unknown) => {
      if (captured) return originalSend(body);
      captured = true;
      const status = res.statusCode;
      const persist =
        status >= 500
          ? // A server failure must not be frozen in: let the client retry for real.
            collection.deleteOne({ _id: id })
          : collection.updateOne(
              { _id: id },
              {
                $set: {
                  state: 'done',
                  status,
                  contentType: String(res.getHeader('content-type') ?? ''),
                  body: Buffer.isBuffer(body)
                    ? body.toString('utf8')
                    : typeof body === 'string'
                      ? body
                      : JSON.stringify(body ?? ''),
                },
              },
            );
      persist.then(
        () => originalSend(body),
        (err: unknown) => {
          opts.logger.error({ err }, 'could not store idempotent response');
          originalSend(body);
        },
      );
      return res;
    }) as Response['send'];
    next();
  };
}
