import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FERRETDB_VERSION, KAFKA_VERSION, ensureFerretDb, ensureKafkaJars, mongoUrlWithDb } from '../src';

// The cache is filled by scripts/bootstrap.sh (or the first call here); these calls must then be no-ops.
describe('cached artefacts', () => {
  it('holds the pinned Kafka broker jars plus a logging backend', () => {
    const lib = ensureKafkaJars();
    expect(ensureKafkaJars()).toBe(lib);
    const jars = readdirSync(lib);
    expect(jars).toEqual(
      expect.arrayContaining([
        `kafka_2.13-${KAFKA_VERSION}.jar`,
        `kafka-clients-${KAFKA_VERSION}.jar`,
        `kafka-raft-${KAFKA_VERSION}.jar`,
        'slf4j-reload4j-1.7.36.jar',
        'reload4j-1.2.25.jar',
      ]),
    );
  });

  it('holds a FerretDB binary that knows its version (the version.txt trap)', () => {
    const bin = ensureFerretDb();
    expect(existsSync(bin)).toBe(true);
    expect(path.basename(path.dirname(bin))).toBe(FERRETDB_VERSION);
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain(FERRETDB_VERSION);
  });
});

describe('mongoUrlWithDb', () => {
  it('replaces the database path and keeps host list and options', () => {
    expect(mongoUrlWithDb('mongodb://127.0.0.1:1/?directConnection=true', 'db1')).toBe(
      'mongodb://127.0.0.1:1/db1?directConnection=true',
    );
    expect(mongoUrlWithDb('mongodb://a:1,b:2/old', 'new')).toBe('mongodb://a:1,b:2/new');
  });
});
