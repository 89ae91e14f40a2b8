import mongoose from 'mongoose';
import { z } from 'zod';
import { ValidationProblem } from './problem';

const { ObjectId } = mongoose.mongo;
type ObjectId = mongoose.mongo.ObjectId;
type Document = mongoose.mongo.Document;
type Collection<T extends Document> = mongoose.mongo.Collection<T>;
type Filter<T> = mongoose.mongo.Filter<T>;

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** Query-string schema for list endpoints: `?cursor=…&limit=…` (limit capped, never rejected for being large). */
export const pageQuerySchema = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PAGE_LIMIT)
    .transform((n) => Math.min(n, MAX_PAGE_LIMIT)),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

type CursorKey = string | number | ObjectId;

/** Opaque to clients; carries the type of the last `_id` so ObjectId and string ids both round-trip. */
export function encodeCursor(lastId: CursorKey): string {
  const payload =
    lastId instanceof ObjectId
      ? { t: 'o', v: lastId.toHexString() }
      : typeof lastId === 'number'
        ? { t: 'n', v: lastId }
        : { t: 's', v: lastId };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      t?: string;
      v?: unknown;
    };
    if (parsed.t === 'o' && typeof parsed.v === 'string' && ObjectId.isValid(parsed.v))
      return new ObjectId(parsed.v);
    if (parsed.t === 'n' && typeof parsed.v === 'number') return parsed.v;
    if (parsed.t === 's' && typeof parsed.v === 'string') return parsed.v;
  } catch {
    // fall through to the problem below
  }
  throw new ValidationProblem([{ field: 'cursor', message: 'is not a cursor returned by this API' }]);
}

/** Projection that leaves out the outbox store's bookkeeping (for finds that return API data). */
export const HIDE_STORE_FIELDS = { outbox: 0, processedEventIds: 0 } as const;

/**
 * Keyset pagination over `_id` ascending: a page never shifts when documents are inserted or
 * removed elsewhere, unlike skip/limit, because each page starts strictly after the last id seen.
 * Without a `projection` the store's bookkeeping (HIDE_STORE_FIELDS) is left out.
 */
export async function paginate<T extends Document>(
  collection: Pick<Collection<T>, 'find'>,
  filter: Filter<T>,
  page: { cursor?: string; limit?: number } = {},
  options: { projection?: Document } = {},
): Promise<Page<T>> {
  const limit = Math.min(Math.max(1, page.limit ?? DEFAULT_PAGE_LIMIT), MAX_PAGE_LIMIT);
  let query: Filter<T> = filter;
  if (page.cursor) {
    const after = { _id: { $gt: decodeCursor(page.cursor) } };
    query = (Object.keys(filter).length === 0 ? after : { $and: [filter, after] }) as unknown as Filter<T>;
  }
  // One extra document tells whether another page exists without a count query.
  const docs = (await collection
    .find(query, { projection: options.projection ?? HIDE_STORE_FIELDS })
    .sort({ _id: 1 })
    .limit(limit + 1)
    .toArray()) as unknown as T[];
  const items = docs.slice(0, limit);
  const last = items[items.length - 1] as { _id?: CursorKey } | undefined;
  return docs.length > limit && last?._id !== undefined
    ? { items, nextCursor: encodeCursor(last._id) }
    : { items };
}

/** Fields of a stored aggregate that are MongoDB's or the outbox store's, never the API's. */
export type StoreOnlyField = '_id' | 'outbox' | 'processedEventIds';

/** A stored document as an API returns it: without `_id`, `outbox` and `processedEventIds`. */
export function apiView<T extends object>(doc: T): Omit<T, StoreOnlyField> {
  const { _id: _i, outbox: _o, processedEventIds: _p, ...view } = doc as T & Partial<Record<StoreOnlyField, unknown>>;
  return view as Omit<T, StoreOnlyField>;
}
