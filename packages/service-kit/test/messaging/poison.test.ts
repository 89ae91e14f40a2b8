import { createEvent, eventCatalogue, encodeEvent } from '@corridor/contracts';
import { EventPublisher, redriveDeadLetters, runConsumer, type RunningKafkaConsumer } from '../../src/messaging';
import { catalogueStore, onTechnologyPublished, POISON, PUBLISHED, technologyPublished } from '../example/technologies';
import { createTopics, kafkaBrokers, openDb, readTopics, sendRaw, uniqueName, waitFor, type TestDb } from './support';

describe('poison messages, dead letters and re-drive (real broker and database)', () => {
  const brokers = kafkaBrokers();
  let t: TestDb;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await openDb();
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await t.close();
  });

  it('dead-letters a malformed record, a refused one and one whose handler keeps failing, and goes on', async () => {
    const topic = uniqueName('kit-poison');
    const dlq = `${topic}.dlq`;
    await createTopics(brokers, { name: topic }, { name: dlq });

    const good1 = technologyPublished('tech-good-1');
    const poison = technologyPublished('tech-poison', `${POISON} pill`);
    const forbidden = technologyPublished('tech-forbidden', 'FORBIDDEN title');
    const good2 = technologyPublished('tech-good-2');
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    cleanup.push(() => publisher.close());
    await publisher.publish([good1]);
    const malformed = encodeEvent(technologyPublished('tech-bad'));
    await sendRaw(brokers, topic, [{ key: malformed.key, value: '{"technologyId": 42', headers: malformed.headers }]);
    await publisher.publish([poison, forbidden, good2]);

    const consumer: RunningKafkaConsumer = await runConsumer({
      brokers,
      groupId: uniqueName('poison'),
      topics: [topic],
      service: 'demand',
      dlqTopic: dlq,
      db: t.db,
      handlers: { [PUBLISHED]: onTechnologyPublished(t.db) },
      retry: { attempts: 3, baseMs: 20, maxMs: 100 },
      lagIntervalMs: 0,
    });
    cleanup.push(() => consumer.stop());
    const dead = await readTopics(brokers, [dlq]);
    cleanup.push(() => dead.stop());

    const catalogue = catalogueStore(t.db);
    await waitFor(async () => (await catalogue.get('tech-good-2')) !== undefined, { description: 'the record after the poison processed' });
    expect(await catalogue.get('tech-good-1')).toBeDefined();
    await waitFor(() => dead.records.length === 3, { description: 'three dead letters' });

    const byReason = Object.fromEntries(dead.records.map((r) => [r.headers.dlq_reason, r]));
    expect(byReason.invalid?.value).toBe('{"technologyId": 42');
    expect(byReason.invalid?.headers.dlq_error).toMatch(/^value: value is not JSON/);
    expect(byReason.invalid?.headers.ce_id).toBe(malformed.headers.ce_id);
    expect(byReason.handler?.headers.ce_id).toBe(poison.id);
    expect(byReason.handler?.headers.dlq_error).toContain('poison pill');
    expect(byReason.handler?.headers.dlq_stack).toContain('Error: cannot project tech-poison');
    expect(byReason.rejected?.headers.ce_id).toBe(forbidden.id);
    expect(byReason.rejected?.headers.dlq_error).toBe('data.title: is forbidden');
    for (const r of dead.records) {
      expect(r.headers).toEqual(
        expect.objectContaining({ dlq_original_topic: topic, dlq_original_partition: '0', dlq_consumer: expect.any(String), dlq_failed_at: expect.any(String) }),
      );
    }
    expect(dead.records.map((r) => r.headers.dlq_original_offset).sort()).toEqual(['1', '2', '3']);
    // the always-failing handler was tried `attempts` times, the refused one once
    expect(await t.db.collection('invocations').countDocuments({ eventId: poison.id })).toBe(3);
    expect(await t.db.collection('invocations').countDocuments({ eventId: forbidden.id })).toBe(1);

    // An operator fixes the cause, then re-drives the handler failures only.
    await t.db.collection('switches').insertOne({ _id: 'poison-fixed' as never });
    const result = await redriveDeadLetters({ brokers, dlqTopic: dlq, filter: (l) => l.reason === 'handler' });
    expect(result).toEqual({ scanned: 3, redriven: 1 });
    await waitFor(async () => (await catalogue.get('tech-poison'))?.title === `${POISON} pill`, { description: 're-driven record processed' });
    expect(dead.records).toHaveLength(3);
  });

  it('on an ingest consumer refuses commands from agencies outside their regions, tells them why, and dedupes by ce_id', async () => {
    const topic = uniqueName('kit-ingest');
    const dlq = `${topic}.dlq`;
    const rejections = `${topic}.rejections`;
    await createTopics(brokers, { name: topic }, { name: dlq }, { name: rejections });
    const type = 'corridor.supply.technology.publish-requested.v1' as const;
    const data = eventCatalogue[type].example;
    const command = (source: string, region: 'CN-TJ' | 'CN-BJ', id: string) =>
      createEvent(type, { source, region, subject: id, data: { ...data, technologyId: id } });
    const allowed = command('/agencies/tj-sci', 'CN-TJ', 'tech-in-1');
    const outOfRegion = command('/agencies/tj-sci', 'CN-BJ', 'tech-in-2');
    const unknownAgency = command('/agencies/nobody', 'CN-TJ', 'tech-in-3');
    const publisher = new EventPublisher({ brokers, topicOf: () => topic });
    cleanup.push(() => publisher.close());
    await publisher.publish([allowed, allowed, outOfRegion, unknownAgency]);

    const handled: string[] = [];
    const consumer = await runConsumer({
      brokers,
      groupId: uniqueName('ingest'),
      topics: [topic],
      service: 'supply',
      dlqTopic: dlq,
      rejectionsTopic: rejections,
      ingest: { agencyRegions: { 'tj-sci': ['CN-TJ'] } },
      db: t.db,
      handlers: { [type]: async (e) => void handled.push(e.id) },
      lagIntervalMs: 0,
    });
    cleanup.push(() => consumer.stop());
    const out = await readTopics(brokers, [dlq, rejections]);
    cleanup.push(() => out.stop());

    await waitFor(() => out.records.filter((r) => r.topic === rejections).length === 2, { description: 'two rejections' });
    await waitFor(() => out.records.filter((r) => r.topic === dlq).length === 2, { description: 'two dead letters' });
    expect(handled).toEqual([allowed.id]);
    const byKey = Object.fromEntries(out.records.filter((r) => r.topic === rejections).map((r) => [r.key, r]));
    const refused = byKey[outOfRegion.id]!;
    expect(refused.headers.ce_type).toBe('corridor.supply.ingest.rejected.v1');
    expect(refused.headers.ce_causationid).toBe(outOfRegion.id);
    expect(JSON.parse(refused.value!)).toEqual(
      expect.objectContaining({
        originalId: outOfRegion.id,
        originalSource: '/agencies/tj-sci',
        claimedRegion: 'CN-BJ',
        reasonCode: 'region-forbidden',
        reasons: [{ path: 'headers.ce_region', message: expect.stringContaining('may not act for region CN-BJ') }],
        deadLetter: expect.objectContaining({ topic: dlq }),
      }),
    );
    expect(JSON.parse(byKey[unknownAgency.id]!.value!).reasons[0].message).toContain('agency nobody is not registered');
  });
});
