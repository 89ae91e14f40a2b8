import { createEvent, topicFor, type CorridorEvent } from '@corridor/contracts';
import { EventPublisher } from '@corridor/service-kit';
import { collectTopics, waitFor, type TopicReader } from '@corridor/testkit';
import request from 'supertest';
import { creditCode, decoded, needBody, startDemand, token } from './support';

const { service, prefix } = startDemand();
const app = service.app;
const publisher = new EventPublisher({
  brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
  clientId: 'demand-chain-test',
  topicOf: (e) => `${prefix}${topicFor(e.type)}`,
});
let reader: TopicReader<CorridorEvent>;
let tj: string;
let bj: string;

const technologyId = 'tech-bj-solid-electrolyte';
const published = () =>
  createEvent('corridor.supply.technology.published.v1', {
    source: '/corridor/supply',
    region: 'CN-BJ',
    data: {
      technologyId,
      title: 'Sulfide solid-state electrolyte',
      summary: 'A sulfide electrolyte with high ionic conductivity, pilot-proven',
      field: 'new-energy',
      keywords: ['Solid-State Battery', 'electrolyte', 'sulfide'],
      owner: { institutionId: 'inst-bj-ipc', name: '北京某物理研究所', kind: 'research-institute', region: 'CN-BJ' },
      region: 'CN-BJ',
      trl: 7,
      stage: 'commercialization',
      patents: [],
      transferModes: ['license', 'equity-in-kind'],
      askingPriceFen: 300_000_000,
      status: 'published',
      publishedAt: '2026-11-20T08:00:00Z',
    },
  });

beforeAll(async () => {
  await service.start();
  await publisher.connect();
  reader = await collectTopics([`${prefix}corridor.demand.match.v1`, `${prefix}corridor.demand.contract.v1`, `${prefix}corridor.demand.demand.v1`], decoded);
  [tj, bj] = await Promise.all([token('CN-TJ'), token('CN-BJ')]);
});
afterAll(async () => {
  await reader?.stop();
  await publisher.close();
  await service.stop();
});

/** Deliveries of `type` the catalogue consumer finished (processed or duplicate), from /metrics. */
async function consumed(type: string): Promise<number> {
  const text = (await request(app).get('/metrics')).text;
  return text
    .split('\n')
    .filter((l) => l.startsWith('corridor_events_consumed_total{') && l.includes(`type="${type}"`) && l.includes(`consumer="${prefix}demand.catalogue"`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

const ofType = (type: string) => reader.records.filter((e) => e.type === type);

describe('technology → need → cross-region match → contract signed', () => {
  it('projects supply technology events, once, whatever the redelivery', async () => {
    const event = published();
    await publisher.publish([event]);
    await publisher.publish([event]); // redelivery of the same ce_id
    const tech = await waitFor(
      async () => {
        const res = await request(app).get(`/technologies/${technologyId}`).set('Authorization', `Bearer ${tj}`);
        return res.status === 200 ? res.body : undefined;
      },
      { description: 'technology in the catalogue projection', timeoutMs: 30_000 },
    );
    expect(tech).toMatchObject({ technologyId, status: 'published', region: 'CN-BJ', trl: 7, keywords: ['solid-state battery', 'electrolyte', 'sulfide'] });

    // a PoC result arriving later raises the TRL; an older, late update cannot roll it back
    const poc = createEvent('corridor.supply.technology.poc-completed.v1', {
      source: '/corridor/supply',
      region: 'CN-BJ',
      data: {
        technologyId,
        region: 'CN-BJ',
        passed: true,
        trlBefore: 7,
        trlAfter: 8,
        stageAfter: 'commercialization',
        reportSummary: 'passed',
        completedAt: '2026-11-21T08:00:00Z',
        pocCenterId: 'poc-bj-1',
        pocCenterName: '北京概念验证中心',
        pocCenterRegion: 'CN-BJ',
      },
    });
    await publisher.publish([poc, published()]);
    // all three `published` deliveries (original, redelivery, late copy) have been handled …
    await waitFor(async () => ((await consumed('corridor.supply.technology.published.v1')) >= 3 ? true : undefined), {
      description: 'three published deliveries consumed',
      timeoutMs: 30_000,
    });
    // … and the late copy, older than the PoC, did not roll the TRL back
    const res = await request(app).get(`/technologies/${technologyId}`).set('Authorization', `Bearer ${tj}`);
    expect(res.body.trl).toBe(8);
    expect(await consumed('corridor.supply.technology.poc-completed.v1')).toBe(1);
  });

  it('proposes a cross-region match for a published need, and accepting and signing keeps the correlation id', async () => {
    const correlationId = 'corr-demand-chain-1';
    const created = await request(app)
      .post('/demands')
      .set('Authorization', `Bearer ${tj}`)
      .set('X-Correlation-Id', correlationId)
      .send(needBody({ enterprise: { name: '天津某新能源科技有限公司', creditCode: creditCode(3), region: 'CN-TJ' } }));
    expect(created.status).toBe(201);
    const demandId = created.body.demandId as string;

    const proposed = await waitFor(
      () => ofType('corridor.demand.match.proposed.v1').find((e) => (e.data as { demandId: string }).demandId === demandId),
      { description: 'match.proposed on corridor.demand.match.v1', timeoutMs: 45_000 },
    );
    const data = proposed.data as CorridorEvent<'corridor.demand.match.proposed.v1'>['data'];
    expect(data).toMatchObject({ technologyId, sellerRegion: 'CN-BJ', buyerRegion: 'CN-TJ', crossRegion: true });
    expect(data.score).toBe(1);
    expect(data.explanation.find((f) => f.factor === 'region')).toMatchObject({ weight: 0, detail: expect.stringContaining('cross-region CN-BJ → CN-TJ') });
    expect(proposed.correlationId).toBe(correlationId);
    const publishedEvent = ofType('corridor.demand.demand.published.v1').find((e) => e.subject === demandId)!;
    expect(proposed.causationId).toBe(publishedEvent.id);

    const matchId = data.matchId;
    // the seller's agency may not accept on behalf of the buyer
    const wrongParty = await request(app)
      .post(`/matches/${matchId}/accept`)
      .set('Authorization', `Bearer ${bj}`)
      .send({ party: 'buyer', name: '天津某新能源科技有限公司' });
    expect(wrongParty.status).toBe(403);

    const byBuyer = await request(app)
      .post(`/matches/${matchId}/accept`)
      .set('Authorization', `Bearer ${tj}`)
      .set('X-Correlation-Id', correlationId)
      .send({ party: 'buyer', name: '天津某新能源科技有限公司' });
    expect(byBuyer.status).toBe(200);
    expect(byBuyer.body.status).toBe('proposed'); // the seller has not consented yet
    const early = await request(app).post(`/matches/${matchId}/contract`).set('Authorization', `Bearer ${tj}`).send({
      valueFen: 1,
      manager: { id: 'tm-001', name: '张经理' },
      commissionRule: { kind: 'fixed', amountFen: 0 },
    });
    expect(early.status).toBe(409);
    const bySeller = await request(app)
      .post(`/matches/${matchId}/accept`)
      .set('Authorization', `Bearer ${bj}`)
      .set('X-Correlation-Id', correlationId)
      .send({ party: 'seller', name: '北京某物理研究所' });
    expect(bySeller.status).toBe(200);
    expect(bySeller.body.status).toBe('accepted');

    const drafted = await request(app)
      .post(`/matches/${matchId}/contract`)
      .set('Authorization', `Bearer ${tj}`)
      .set('X-Correlation-Id', correlationId)
      .send({
        valueFen: 280_000_000,
        manager: { id: 'tm-001', name: '张经理' },
        commissionRule: { kind: 'basis-points', basisPoints: 250 },
        landingParkId: 'park-tj-binhai',
      });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ status: 'drafted', type: 'license', commissionFen: 7_000_000, seller: { region: 'CN-BJ' }, buyer: { region: 'CN-TJ' } });
    const contractId = drafted.body.contractId as string;

    const signed = await request(app)
      .post(`/contracts/${contractId}/sign`)
      .set('Authorization', `Bearer ${bj}`)
      .set('X-Correlation-Id', correlationId)
      .send();
    expect(signed.status).toBe(200);

    const signedEvent = await waitFor(
      () => ofType('corridor.demand.contract.signed.v1').find((e) => e.subject === contractId),
      { description: 'contract.signed on corridor.demand.contract.v1', timeoutMs: 30_000 },
    );
    expect(signedEvent.correlationId).toBe(correlationId);
    expect(signedEvent.data).toMatchObject({
      contractId,
      matchId,
      demandId,
      technologyId,
      seller: { region: 'CN-BJ' },
      buyer: { region: 'CN-TJ' },
      valueFen: 280_000_000,
      manager: { id: 'tm-001', commissionFen: 7_000_000 },
      landingParkId: 'park-tj-binhai',
    });
    expect(ofType('corridor.demand.match.accepted.v1').find((e) => e.subject === matchId)?.correlationId).toBe(correlationId);

    // the signed contract fulfils the need, in the same chain
    const closed = await waitFor(
      () => ofType('corridor.demand.demand.closed.v1').find((e) => e.subject === demandId),
      { description: 'demand.closed after signing', timeoutMs: 30_000 },
    );
    expect(closed.data).toMatchObject({ outcome: 'fulfilled', contractId });
    expect(closed.correlationId).toBe(correlationId);
    expect(closed.causationId).toBe(signedEvent.id);

    const match = await request(app).get(`/matches/${matchId}`).set('Authorization', `Bearer ${tj}`);
    expect(match.body).toMatchObject({ status: 'contracted', contractId });

    const kpis = await request(app).get('/kpis').set('Authorization', `Bearer ${tj}`);
    expect(kpis.body.contractValueByRegionPair).toEqual([
      { sellerRegion: 'CN-BJ', buyerRegion: 'CN-TJ', contracts: 1, valueFen: 280_000_000, confirmedValueFen: 0 },
    ]);
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/corridor_contract_value_fen\{[^}]*seller_region="CN-BJ",buyer_region="CN-TJ",status="signed"[^}]*\} 280000000/);
    expect(metrics.text).toMatch(/corridor_matches\{[^}]*cross_region="true",status="contracted"[^}]*\} 1/);
  });
});
