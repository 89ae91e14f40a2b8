import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  decodeEvent,
  dlqTopic,
  eventExamples,
  ingestTopic,
  rejectionsTopic,
  topicFor,
} from '@corridor/contracts';
import { uniqueName, waitFor } from '@corridor/testkit';
import { startSupply, type Running } from './support';

// The Done-when check for agency ingest, driven by a client that shares no code with
// Corridor: kcat (librdkafka) produces the CloudEvents binary-mode records and reads the answers.

const COMMAND = 'corridor.supply.technology.publish-requested.v1';
const PUBLISHED = 'corridor.supply.technology.published.v1';
const REJECTED = 'corridor.supply.ingest.rejected.v1';

const kcatInstalled = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
if (!kcatInstalled) {
  console.warn('[supply] agency ingest kcat test SKIPPED: kcat is not installed (apt-get install kcat)');
}
const kcatIt = kcatInstalled ? it : it.skip;

const run = promisify(execFile);

/** One record as `kcat -C -J` prints it; headers are a flat [name, value, name, value, …] list. */
interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
  /** headers as a map, filled in by `consume` */
  h: Record<string, string>;
}

let env: Running;
let dir: string;
beforeAll(async () => {
  if (!kcatInstalled) return;
  env = await startSupply();
  dir = mkdtempSync(join(tmpdir(), 'supply-kcat-'));
});
afterAll(async () => {
  await env?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The broker the service itself was configured with, so kcat and the service share it.
const brokers = () => env.config.KAFKA_BROKERS.join(',');
const prefixed = (topic: string) => `${env.prefix}.${topic}`;

/** `kcat -P`: one file = one record, the envelope in ce_* headers (CloudEvents Kafka binary mode). */
async function kcatProduce(key: string, headers: Record<string, string>, value: string): Promise<void> {
  const file = join(dir, `${uniqueName('record')}.json`);
  writeFileSync(file, value);
  const args = ['-P', '-b', brokers(), '-t', prefixed(ingestTopic('supply')), '-k', key];
  for (const [name, v] of Object.entries(headers)) args.push('-H', `${name}=${v}`);
  args.push(file);
  // execFile, not spawnSync: the service consumes in this same process and must keep running.
  await run('kcat', args, { timeout: 30_000 });
}

/** `kcat -C -J -e -o beginning`: everything on the topic so far (read anew on every poll). */
async function kcatConsume(topic: string): Promise<KcatRecord[]> {
  const { stdout } = await run(
    'kcat',
    ['-C', '-b', brokers(), '-t', prefixed(topic), '-o', 'beginning', '-e', '-q', '-J'],
    {
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as KcatRecord;
      const flat = r.headers ?? [];
      r.h = {};
      for (let i = 0; i + 1 < flat.length; i += 2) r.h[flat[i]!] = flat[i + 1]!;
      return r;
    });
}

/** The headers an agency sets by hand, as in packages/contracts/README.md. */
function envelope(
  ceId: string,
  source: string,
  region: string,
  subject: string,
  extra: Record<string, string> = {},
) {
  return {
    ce_specversion: '1.0',
    ce_id: ceId,
    ce_source: source,
    ce_type: COMMAND,
    ce_subject: subject,
    ce_time: new Date().toISOString(),
    ce_region: region,
    ce_dataschema: `urn:corridor:schema:${COMMAND}`,
    'content-type': 'application/json',
    ...extra,
  };
}

/** The contract's example technology (a Beijing institute's, with a valid credit code) under a fresh id. */
function technology(overrides: Record<string, unknown> = {}) {
  const technologyId = uniqueName('tech-kcat');
  return { ...(eventExamples[COMMAND] as Record<string, unknown>), technologyId, ...overrides } as Record<
    string,
    unknown
  > & {
    technologyId: string;
  };
}

async function rejectionFor(ceId: string) {
  const record = await waitFor(
    async () => (await kcatConsume(rejectionsTopic('supply'))).find((r) => r.key === ceId),
    {
      description: `rejection keyed by ${ceId} on ${prefixed(rejectionsTopic('supply'))}`,
      timeoutMs: 30_000,
    },
  );
  const event = decodeEvent({ key: record.key, value: record.payload, headers: record.h });
  expect(event.type).toBe(REJECTED);
  return event as typeof event & {
    data: {
      originalId: string;
      originalSource: string;
      originalSubject?: string;
      claimedRegion?: string;
      reasonCode: string;
      reasons: { path: string; message: string }[];
      deadLetter?: { topic: string; partition: number; offset: string | number };
    };
  };
}

describe(
  kcatInstalled ? 'agency ingest with kcat' : 'agency ingest with kcat — SKIPPED: kcat is not installed',
  () => {
    kcatIt('a technology sent with kcat is published on the technology topic', async () => {
      const tech = technology();
      const ceId = randomUUID();
      const correlationId = uniqueName('corr-kcat');
      await kcatProduce(
        tech.technologyId,
        envelope(ceId, '/agencies/bj-kjj', 'CN-BJ', tech.technologyId, { ce_correlationid: correlationId }),
        JSON.stringify(tech, null, 2),
      );

      const published = await waitFor(
        async () =>
          (await kcatConsume(topicFor(PUBLISHED))).find(
            (r) =>
              r.key === tech.technologyId &&
              r.h.ce_type === PUBLISHED &&
              r.h.ce_correlationid === correlationId,
          ),
        { description: `${PUBLISHED} for ${tech.technologyId}`, timeoutMs: 30_000 },
      );
      const event = decodeEvent({ key: published.key, value: published.payload, headers: published.h });
      expect(event).toMatchObject({
        type: PUBLISHED,
        source: '/corridor/supply',
        subject: tech.technologyId,
        region: 'CN-BJ',
        correlationId,
        causationId: ceId,
      });
      expect(event.data).toMatchObject({
        technologyId: tech.technologyId,
        title: tech.title,
        askingPriceFen: tech.askingPriceFen,
      });
      expect((await kcatConsume(rejectionsTopic('supply'))).filter((r) => r.key === ceId)).toEqual([]);
    });

    kcatIt('a malformed technology is dead-lettered and rejected with the field that is wrong', async () => {
      const { title: _missing, ...tech } = technology({ askingPriceFen: 800_000_000.5 });
      const ceId = randomUUID();
      await kcatProduce(
        tech.technologyId,
        envelope(ceId, '/agencies/bj-kjj', 'CN-BJ', tech.technologyId),
        JSON.stringify(tech),
      );

      const rejection = await rejectionFor(ceId);
      expect(rejection.subject).toBe(ceId);
      expect(rejection.causationId).toBe(ceId);
      expect(rejection.data).toMatchObject({
        originalId: ceId,
        originalSource: '/agencies/bj-kjj',
        originalSubject: tech.technologyId,
        reasonCode: 'invalid-data',
      });
      const reasons = new Map(rejection.data.reasons.map((r) => [r.path, r.message]));
      expect([...reasons.keys()]).toEqual(expect.arrayContaining(['data.title', 'data.askingPriceFen']));
      expect(reasons.get('data.askingPriceFen')).toMatch(/integer fen/);
      expect(reasons.get('data.askingPriceFen')).toContain('800000000.5');

      const dead = await waitFor(
        async () => (await kcatConsume(dlqTopic('supply'))).find((r) => r.h.ce_id === ceId),
        {
          description: `dead letter of ${ceId} on ${prefixed(dlqTopic('supply'))}`,
          timeoutMs: 30_000,
        },
      );
      expect(dead.key).toBe(tech.technologyId);
      expect(dead.payload).toBe(JSON.stringify(tech));
      expect(dead.h).toMatchObject({
        dlq_reason: 'invalid',
        dlq_original_topic: prefixed(ingestTopic('supply')),
      });
      expect(dead.h.dlq_error).toContain('data.askingPriceFen');
      // The rejection points the agency at exactly this dead letter.
      expect(rejection.data.deadLetter).toMatchObject({ topic: dead.topic, partition: dead.partition });
      expect(String(rejection.data.deadLetter?.offset)).toBe(String(dead.offset));
      expect(
        await env.service.ctx.db
          .collection('technologies')
          .countDocuments({ _id: tech.technologyId } as never),
      ).toBe(0);
    });

    kcatIt('an agency claiming a region it does not serve is refused and nothing is published', async () => {
      // Tianjin's agency writing a Beijing technology, with data and envelope otherwise valid.
      const tech = technology();
      const ceId = randomUUID();
      await kcatProduce(
        tech.technologyId,
        envelope(ceId, '/agencies/tj-kjj', 'CN-BJ', tech.technologyId),
        JSON.stringify(tech),
      );

      const rejection = await rejectionFor(ceId);
      expect(rejection.data).toMatchObject({
        originalId: ceId,
        originalSource: '/agencies/tj-kjj',
        originalSubject: tech.technologyId,
        claimedRegion: 'CN-BJ',
        reasonCode: 'region-forbidden',
      });
      // Whether the test config registers tj-kjj (for other regions) decides which header is at fault.
      const tjRegions = env.config.AGENCY_REGIONS['tj-kjj'];
      expect(rejection.data.reasons).toEqual([
        tjRegions
          ? {
              path: 'headers.ce_region',
              message: `agency tj-kjj may not act for region CN-BJ (allowed: ${tjRegions.join(', ')})`,
            }
          : { path: 'headers.ce_source', message: 'agency tj-kjj is not registered (AGENCY_REGIONS)' },
      ]);
      const dead = await waitFor(
        async () => (await kcatConsume(dlqTopic('supply'))).find((r) => r.h.ce_id === ceId),
        {
          description: `dead letter of ${ceId}`,
          timeoutMs: 30_000,
        },
      );
      expect(dead.h.dlq_reason).toBe('rejected');

      // The refusal is decided before any handler runs, so once it is out nothing can follow it.
      expect(
        await env.service.ctx.db
          .collection('technologies')
          .countDocuments({ _id: tech.technologyId } as never),
      ).toBe(0);
      expect((await kcatConsume(topicFor(PUBLISHED))).filter((r) => r.key === tech.technologyId)).toEqual([]);
    });

    kcatIt('a registered agency is refused for a region outside its own, with the region named', async () => {
      // bj-kjj serves CN-BJ only; a Tianjin claim must fail on ce_region, not be handled.
      const tech = technology({
        region: 'CN-TJ',
        owner: { ...(eventExamples[COMMAND] as { owner: object }).owner, region: 'CN-TJ' },
      });
      const ceId = randomUUID();
      await kcatProduce(
        tech.technologyId,
        envelope(ceId, '/agencies/bj-kjj', 'CN-TJ', tech.technologyId),
        JSON.stringify(tech),
      );

      const rejection = await rejectionFor(ceId);
      expect(rejection.data).toMatchObject({
        originalId: ceId,
        claimedRegion: 'CN-TJ',
        reasonCode: 'region-forbidden',
      });
      expect(rejection.data.reasons).toEqual([
        {
          path: 'headers.ce_region',
          message: `agency bj-kjj may not act for region CN-TJ (allowed: ${env.config.AGENCY_REGIONS['bj-kjj']!.join(', ')})`,
        },
      ]);
      expect(
        await env.service.ctx.db
          .collection('technologies')
          .countDocuments({ _id: tech.technologyId } as never),
      ).toBe(0);
      expect((await kcatConsume(topicFor(PUBLISHED))).filter((r) => r.key === tech.technologyId)).toEqual([]);
    });
  },
);
