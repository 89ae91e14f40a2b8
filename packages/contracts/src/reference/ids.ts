import { z } from 'zod';

/**
 * Aggregate ids: opaque strings chosen by the producing service or agency (UUIDs, ULIDs or the
 * agency's own keys), safe to use as Kafka keys, URL segments and MongoDB _id values.
 */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,127}$/, {
  error: 'must be an id of 1-128 characters: letters, digits, _ : - (starting with a letter or digit)',
});
export type Id = z.infer<typeof idSchema>;

export const uuidSchema = z.uuid({ error: 'must be a UUID' });
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 date-time, e.g. 2026-11-23T08:00:00Z',
});
export const isoDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
