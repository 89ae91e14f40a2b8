import { randomBytes } from 'node:crypto';

/**
 * A name no other test (or earlier run against the same long-lived broker/database) uses:
 * `<prefix>-<time>-<random>`, restricted to characters valid in Kafka topics and MongoDB
 * database names, and short enough for MongoDB's 63-byte database name limit.
 */
export function uniqueName(prefix = 't'): string {
  const clean = prefix.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
  return `${clean}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
