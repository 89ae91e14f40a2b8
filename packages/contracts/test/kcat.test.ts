import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer, KafkaMessage } from 'kafkajs';
import {
  createTopics,
  startKafka,
  testKafka,
  uniqueName,
  waitFor,
  type KafkaHandle,
} from '@corridor/testkit';
import { decodeEvent, eventCatalogue } from '../src';

// Runs the agency instructions of README.md verbatim, only pointed at a fresh topic.
const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const README_TOPIC = 'corridor.supply.ingest.v1';
const TYPE = 'corridor.supply.technology.publish-requested.v1';

function readmeBlock(marker: string, lang: string): string {
  const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  if (!m) throw new Error(`README.md has no \`\`\`${lang} block after <!-- ${marker} -->`);
  return m[1]!;
}

/** Shell commands of a block, joining backslash-continued lines. */
function commands(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

const kcatInstalled = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
const suite = kcatInstalled ? describe : describe.skip;

if (!kcatInstalled) {
  console.warn('[contracts] kcat README test SKIPPED: kcat is not installed (apt-get install kcat)');
}

suite(
  kcatInstalled
    ? 'kcat, exactly as the README shows'
    : 'kcat, exactly as the README shows — SKIPPED: kcat is not installed',
  () => {
    let kafka: KafkaHandle;
    let consumer: Consumer | undefined;
    let dir: string;
    const topic = `${uniqueName('contracts-kcat')}.${README_TOPIC}`;

    beforeAll(async () => {
      kafka = await startKafka();
      await createTopics([{ topic, numPartitions: 6 }], { brokers: kafka.brokers });
      dir = mkdtempSync(join(tmpdir(), 'contracts-kcat-'));
    });

    afterAll(async () => {
      await consumer?.disconnect();
      await kafka?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function run(script: string): string {
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script.split(README_TOPIC).join(topic)], {
        cwd: dir,
        env: { ...process.env, KAFKA_BROKERS: kafka.brokers },
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (r.status !== 0) throw new Error(`command failed (${r.status}): ${script}\n${r.stderr}`);
      return r.stdout;
    }

    it('publishes the README command and the package decodes the record', async () => {
      writeFileSync(join(dir, 'technology.json'), readmeBlock('generated:technology-json', 'json'));
      run(readmeBlock('kcat:produce', 'bash'));

      const received: KafkaMessage[] = [];
      consumer = testKafka({ brokers: kafka.brokers.split(',') }).consumer({
        groupId: uniqueName('contracts-kcat-g'),
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
      const message = await waitFor(() => received[0], {
        timeoutMs: 30_000,
        description: 'the record kcat produced',
      });

      const event = decodeEvent(message);
      expect(event.type).toBe(TYPE);
      expect(event.source).toBe('/agencies/bj-kw');
      expect(event.region).toBe('CN-BJ');
      expect(event.subject).toBe('tech-bj-000123');
      expect(event.correlationId).toBe(event.id);
      expect(event.data).toEqual(eventCatalogue[TYPE].example);
    });

    it('reads it back with the README consume command, headers included', () => {
      const first = commands(readmeBlock('kcat:consume', 'bash'))[0]!;
      expect(first).toContain(README_TOPIC);
      const out = run(first);
      expect(out).toContain('key=tech-bj-000123');
      expect(out).toContain(`ce_type=${TYPE}`);
      expect(out).toContain('ce_region=CN-BJ');
      expect(out).toContain('"technologyId": "tech-bj-000123"');
    });
  },
);
