import { createEvent, encodeEvent, topicFor, type CorridorEvent } from '@corridor/contracts';
import { EventPublisher } from '@corridor/service-kit';
import { collectTopics, produceRecords, waitFor, type TopicReader } from '@corridor/testkit';
import request from 'supertest';
import { creditCode, decoded, needBody, startDemand, token } from './support';

const { service, prefix } = startDemand();
const app = service.app;
const publisher = new EventPublisher({
  brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
  clientId: 'demand-ingest-test',
  topicOf: (e) => `${prefix}${topicFor(e.type)}`,
});
let reader: TopicReader<CorridorEvent>;
let tj: string;

beforeAll(async () => {
  await service.start();
  await publisher.connect();
  reader = await collectTopics([`${prefix}corridor.demand.rejections.v1`, `${prefix}corridor.demand.match.v1`], decoded);
  tj = await token('CN-TJ');
});
afterAll(async () => {
  await reader?.stop();
  await publisher.close();
  await service.stop();
});

const command = (region: 'CN-TJ' | 'CN-BJ', data: Record<string, unknown>, subject?: string) =>
  createEvent('corridor.demand.demand.publish-requested.v1', {
    source: '/agencies/tj-kjj',
    region,
    data: data as never,
    ...(subject ? { subject } : {}),
  });

const rejectionOf = (originalId: string) =>
  reader.records.find((e) => e.type === 'corridor.demand.ingest.rejected.v1' && (e.data as { originalId: string }).originalId === originalId) as
    | CorridorEvent<'corridor.demand.ingest.rejected.v1'>
    | undefined;

describe('agency ingest (corridor.demand.ingest.v1)', () => {
  it('handles a publish-requested command like POST /demands, once per ce_id', async () => {
    const cmd = command('CN-TJ', needBody({ demandId: 'dem-agency-1', title: '由天津科技局导入的需求' }));
    await publisher.publish([cmd]);
    await publisher.publish([cmd]);
    const need = await waitFor(
      async () => {
        const res = await request(app).get('/demands/dem-agency-1').set('Authorization', `Bearer ${tj}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'demand from the ingest command', timeoutMs: 45_000 },
    );
    expect(need).toMatchObject({ demandId: 'dem-agency-1', status: 'published', region: 'CN-TJ' });

    // a command without data.demandId creates the need under its ce_subject; re-sent, it is still one need
    const id = `tj-ref-${Date.now()}`;
    const anonymous = command('CN-TJ', needBody({ title: '无编号需求' }), id);
    const resent = command('CN-TJ', needBody({ title: '无编号需求' }), id);
    await publisher.publish([anonymous, anonymous, resent]);
    await waitFor(async () => ((await request(app).get(`/demands/${id}`).set('Authorization', `Bearer ${tj}`)).status === 200 ? true : undefined), {
      description: 'demand with a derived id',
      timeoutMs: 30_000,
    });
    const list = await request(app).get('/demands?limit=100').set('Authorization', `Bearer ${tj}`);
    expect(list.body.items.filter((d: { title: string }) => d.title === '无编号需求')).toHaveLength(1);
  });

  it('rejects back to the agency: a region it may not act for, an enterprise outside the claimed region, bad data', async () => {
    const foreignRegion = command('CN-BJ', needBody({ enterprise: { name: '北京企业', creditCode: creditCode(41), region: 'CN-BJ' } }), 'x-1');
    const mismatched = command('CN-TJ', needBody({ enterprise: { name: '北京企业', creditCode: creditCode(42), region: 'CN-BJ' } }), 'x-2');
    const broken = command('CN-TJ', needBody(), 'x-3');
    await publisher.publish([foreignRegion, mismatched]);
    // what a broken agency system sends: a valid envelope around invalid data, past our own encoder
    const record = encodeEvent(broken);
    await produceRecords(`${prefix}corridor.demand.ingest.v1`, [
      { key: record.key, value: Buffer.from(JSON.stringify({ ...broken.data, budgetFen: -5 })), headers: record.headers },
    ]);

    const r1 = await waitFor(() => rejectionOf(foreignRegion.id), { description: 'rejection of the foreign region', timeoutMs: 45_000 });
    expect(r1.data.reasonCode).toBe('region-forbidden');
    const r2 = await waitFor(() => rejectionOf(mismatched.id), { description: 'rejection of the mismatched enterprise', timeoutMs: 30_000 });
    expect(r2.data.reasonCode).toBe('rule-violated');
    expect(r2.data.reasons).toEqual([{ path: 'data.enterprise.region', message: 'must be the claimed region CN-TJ' }]);
    const r3 = await waitFor(() => rejectionOf(broken.id), { description: 'rejection of invalid data', timeoutMs: 30_000 });
    expect(r3.data.reasonCode).toBe('invalid-data');
    expect(r3.data.reasons.map((r) => r.path)).toContain('data.budgetFen');
    expect(r3.data.deadLetter?.topic).toBe(`${prefix}corridor.demand.dlq.v1`);
  });

  it('proposes a need to a technology that arrives after it, under the technology event’s correlation id', async () => {
    const created = await request(app)
      .post('/demands')
      .set('Authorization', `Bearer ${tj}`)
      .send(needBody({ field: 'low-altitude-economy', keywords: ['eVTOL', 'flight control'], acceptableModes: ['co-development'], minTrl: 6 }));
    expect(created.status).toBe(201);
    const tech = createEvent('corridor.supply.technology.published.v1', {
      source: '/corridor/supply',
      region: 'CN-GD',
      data: {
        technologyId: 'tech-gd-evtol-fcs',
        title: 'eVTOL flight control system',
        summary: 'Redundant fly-by-wire flight control for eVTOL aircraft',
        field: 'low-altitude-economy',
        keywords: ['evtol', 'Flight Control'],
        owner: { institutionId: 'inst-gd-uni', name: '广东某大学', kind: 'university', region: 'CN-GD' },
        region: 'CN-GD',
        trl: 6,
        stage: 'development',
        patents: [],
        transferModes: ['co-development', 'license'],
        askingPriceFen: 120_000_000,
        status: 'published',
        publishedAt: '2026-11-22T08:00:00Z',
      },
    });
    await publisher.publish([tech]);
    const proposed = await waitFor(
      () =>
        reader.records.find(
          (e) => e.type === 'corridor.demand.match.proposed.v1' && (e.data as { demandId: string }).demandId === created.body.demandId,
        ) as CorridorEvent<'corridor.demand.match.proposed.v1'> | undefined,
      { description: 'match proposed on technology arrival', timeoutMs: 45_000 },
    );
    expect(proposed.data).toMatchObject({ technologyId: 'tech-gd-evtol-fcs', sellerRegion: 'CN-GD', buyerRegion: 'CN-TJ', crossRegion: true, score: 1 });
    expect(proposed.correlationId).toBe(tech.correlationId);
    expect(proposed.causationId).toBe(tech.id);
  });
});
