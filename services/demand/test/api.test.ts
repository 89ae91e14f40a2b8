import request from 'supertest';
import { startDemand, needBody, token, creditCode } from './support';

const { service } = startDemand();
const app = service.app;
let tj: string;
let bj: string;
let operator: string;

beforeAll(async () => {
  await service.start();
  [tj, bj, operator] = await Promise.all([token('CN-TJ'), token('CN-BJ'), token('CN-BJ', ['operator'], 'ops')]);
});
afterAll(() => service.stop());

describe('demand API', () => {
  it('answers a bad body with problem+json naming every bad field', async () => {
    const res = await request(app)
      .post('/demands')
      .set('Authorization', `Bearer ${tj}`)
      .send(needBody({ budgetFen: 12.5, field: 'alchemy', enterprise: { name: 'x', creditCode: '911201016MA06ABCD1X', region: 'CN-TJ' } }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, type: expect.stringContaining('validation') });
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['budgetFen', 'enterprise.creditCode', 'field']);
  });

  it('answers a refused domain rule with 422 naming the field, and an illegal transition with 409', async () => {
    const past = await request(app).post('/demands').set('Authorization', `Bearer ${tj}`).send(needBody({ deadline: '2020-01-01' }));
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ field: 'deadline', message: 'deadline must not be in the past' }]);

    const created = await request(app).post('/demands').set('Authorization', `Bearer ${tj}`).send(needBody());
    expect(created.status).toBe(201);
    const close = () =>
      request(app).post(`/demands/${created.body.demandId}/close`).set('Authorization', `Bearer ${tj}`).send({ outcome: 'withdrawn' });
    expect((await close()).status).toBe(200);
    const again = await close();
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("need in status 'closed' cannot close");
  });

  it('refuses an agency token writing for another region (403) and creates nothing', async () => {
    const enterprise = { name: '天津某企业', creditCode: creditCode(7), region: 'CN-TJ' };
    const res = await request(app).post('/demands').set('Authorization', `Bearer ${bj}`).send(needBody({ enterprise, title: 'forbidden one' }));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const list = await request(app).get('/demands?region=CN-TJ&limit=100').set('Authorization', `Bearer ${bj}`);
    expect(list.body.items.some((d: { title: string }) => d.title === 'forbidden one')).toBe(false);
    // an operator may act for every region
    const byOperator = await request(app).post('/demands').set('Authorization', `Bearer ${operator}`).send(needBody({ enterprise }));
    expect(byOperator.status).toBe(201);
  });

  it('replays the first response for a repeated Idempotency-Key and creates nothing new', async () => {
    const body = needBody({ title: 'idempotent need', keywords: ['idempotency'] });
    const first = await request(app).post('/demands').set('Authorization', `Bearer ${tj}`).set('Idempotency-Key', 'key-1').send(body);
    const second = await request(app).post('/demands').set('Authorization', `Bearer ${tj}`).set('Idempotency-Key', 'key-1').send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const all = await request(app).get('/demands?limit=100').set('Authorization', `Bearer ${tj}`);
    expect(all.body.items.filter((d: { title: string }) => d.title === 'idempotent need')).toHaveLength(1);

    const changed = await request(app)
      .post('/demands')
      .set('Authorization', `Bearer ${tj}`)
      .set('Idempotency-Key', 'key-1')
      .send({ ...body, title: 'another body' });
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'reused with a different request body' }]);
  });

  it('pages with a stable cursor: no item twice, none skipped, even with inserts between pages', async () => {
    const region = 'CN-HE';
    const he = await token(region);
    const make = (i: number) =>
      request(app)
        .post('/demands')
        .set('Authorization', `Bearer ${he}`)
        .send(needBody({ demandId: `page-${i}`, enterprise: { name: `河北企业${i}`, creditCode: creditCode(20 + i), region } }));
    for (const i of [1, 2, 3, 4, 5]) expect((await make(i)).status).toBe(201);

    const page = (cursor?: string) =>
      request(app)
        .get(`/demands?region=${region}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', `Bearer ${he}`);
    const p1 = await page();
    expect(p1.body.items.map((d: { demandId: string }) => d.demandId)).toEqual(['page-1', 'page-2']);
    // an insert that sorts before the cursor must not shift the next page
    expect((await make(0)).status).toBe(201);
    const p2 = await page(p1.body.nextCursor);
    const p2again = await page(p1.body.nextCursor);
    expect(p2.body).toEqual(p2again.body);
    expect(p2.body.items.map((d: { demandId: string }) => d.demandId)).toEqual(['page-3', 'page-4']);
    const p3 = await page(p2.body.nextCursor);
    expect(p3.body.items.map((d: { demandId: string }) => d.demandId)).toEqual(['page-5']);
    expect(p3.body.nextCursor).toBeUndefined();

    const bad = await page('not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cursor');

    const filtered = await request(app).get(`/demands?region=${region}&field=biomedicine`).set('Authorization', `Bearer ${he}`);
    expect(filtered.body.items).toEqual([]);
    const badFilter = await request(app).get('/demands?region=Beijing').set('Authorization', `Bearer ${he}`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0].field).toBe('region');
  });

  it('runs an open challenge through a horse race over HTTP, refusing illegal steps', async () => {
    const post = (path: string, body?: object, tok = tj) => request(app).post(path).set('Authorization', `Bearer ${tok}`).send(body);
    const created = await post('/challenges', {
      leadEnterprise: { name: '天津某汽车集团', creditCode: creditCode(60), region: 'CN-TJ' },
      title: '固态电池量产工艺攻关',
      field: 'new-energy-vehicles',
      problem: 'mass-production yield above 90%',
      keywords: ['solid-state battery'],
      bountyFen: 1_000_000_000,
      raceSize: 2,
      stages: [
        { stage: 1, name: '方案评审', reviewDate: '2027-02-01', fundingPerTeamFen: 50_000_000 },
        { stage: 2, name: '样机评审', reviewDate: '2027-05-01', fundingPerTeamFen: 100_000_000 },
      ],
      bidDeadline: '2027-01-15',
    });
    expect(created.status).toBe(201);
    const id = created.body.challengeId as string;
    const team = (n: number, region: string) => ({
      team: { teamId: `team-${n}`, name: `Team ${n}`, leadInstitution: { institutionId: `inst-${n}`, name: `Institute ${n}`, kind: 'university' }, region },
      proposal: 'a plan',
      requestedFen: 500_000_000,
      bidId: `bid-${n}`,
    });
    expect((await post(`/challenges/${id}/bids`, team(1, 'CN-BJ'), bj)).status).toBe(201);
    // a Beijing agency cannot bid for a Shanghai team
    expect((await post(`/challenges/${id}/bids`, team(2, 'CN-SH'), bj)).status).toBe(403);
    expect((await post(`/challenges/${id}/bids`, team(2, 'CN-SH'), operator)).status).toBe(201);
    expect((await post(`/challenges/${id}/award`, { bidId: 'bid-1' })).status).toBe(409);
    const raced = await post(`/challenges/${id}/race`, { bidIds: ['bid-1', 'bid-2'] });
    expect(raced.status).toBe(200);
    expect(raced.body.status).toBe('racing');
    const undecided = await post(`/challenges/${id}/reviews`, { decisions: { 'bid-1': 'advance' } });
    expect(undecided.status).toBe(422);
    expect(undecided.body.errors).toEqual([{ field: 'decisions.bid-2', message: "racing bid 'bid-2' has no decision" }]);
    expect((await post(`/challenges/${id}/reviews`, { decisions: { 'bid-1': 'advance', 'bid-2': 'eliminate' } })).status).toBe(200);
    expect((await post(`/challenges/${id}/reviews`, { decisions: { 'bid-1': 'advance' } })).status).toBe(200);
    const awarded = await post(`/challenges/${id}/award`, { bidId: 'bid-1' });
    expect(awarded.status).toBe(200);
    expect(awarded.body).toMatchObject({ status: 'awarded', awardedBidId: 'bid-1' });
    expect(awarded.body.bids.map((b: { fundedFen: number }) => b.fundedFen)).toEqual([150_000_000, 50_000_000]);
    expect((await post(`/challenges/${id}/cancel`, { reason: 'too late' })).status).toBe(409);
  });

  it('drafts, signs, registers and terminates a contract; commission rules are validated', async () => {
    const post = (path: string, body?: object, tok = bj) => request(app).post(path).set('Authorization', `Bearer ${tok}`).send(body);
    const body = {
      type: 'transfer',
      title: '专利权转让：固态电解质',
      seller: { institutionId: 'inst-bj-1', name: '北京某大学', kind: 'university', region: 'CN-BJ' },
      buyer: { name: '天津某企业', creditCode: creditCode(70), region: 'CN-TJ' },
      valueFen: 1_000_001,
      manager: { id: 'tm-9', name: '李经理' },
      commissionRule: { kind: 'basis-points', basisPoints: 50, minFen: 100 },
      technologyId: 'tech-x',
    };
    const tooMuch = await post('/contracts', { ...body, commissionRule: { kind: 'fixed', amountFen: 2_000_000 } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].field).toBe('commissionRule');
    const badRule = await post('/contracts', { ...body, commissionRule: { kind: 'basis-points', basisPoints: 12_000 } });
    expect(badRule.status).toBe(400);
    expect(badRule.body.errors[0].field).toBe('commissionRule.basisPoints');
    // neither party's region: refused
    expect((await post('/contracts', body, await token('CN-GD'))).status).toBe(403);

    const drafted = await post('/contracts', body);
    expect(drafted.status).toBe(201);
    // 1,000,001 fen × 0.5% = 5,000.005 fen → 5,000
    expect(drafted.body.commissionFen).toBe(5_000);
    const id = drafted.body.contractId as string;
    const registrar = { name: '天津技术交易市场', region: 'CN-TJ' };
    const early = await post(`/contracts/${id}/register`, { registrationNumber: '2026120000000042', registrar, confirmedValueFen: 1_000_000 });
    expect(early.status).toBe(409);
    expect((await post(`/contracts/${id}/sign`, undefined, tj)).status).toBe(200);
    const over = await post(`/contracts/${id}/register`, { registrationNumber: '2026120000000042', registrar, confirmedValueFen: 1_000_002 });
    expect(over.status).toBe(422);
    expect(over.body.errors[0].field).toBe('confirmedValueFen');
    const registered = await post(`/contracts/${id}/register`, { registrationNumber: '2026120000000042', registrar, confirmedValueFen: 1_000_000 });
    expect(registered.status).toBe(200);
    expect(registered.body.registration).toMatchObject({ number: '2026120000000042', confirmedValueFen: 1_000_000 });
    expect((await post(`/contracts/${id}/terminate`, { reason: 'buyer insolvent' })).body.status).toBe('terminated');
    expect((await post(`/contracts/${id}/sign`, undefined)).status).toBe(409);

    const listed = await request(app).get('/contracts?sellerRegion=CN-BJ&status=terminated').set('Authorization', `Bearer ${tj}`);
    expect(listed.body.items.map((c: { contractId: string }) => c.contractId)).toEqual([id]);
  });

  it('serves OpenAPI and KPIs', async () => {
    const openapi = await request(app).get('/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/demands', '/demands/{id}/close', '/challenges/{id}/race', '/matches/{id}/accept', '/contracts/{id}/sign', '/kpis']),
    );
    const listResponse = openapi.body.paths['/demands'].get.responses['200'].content['application/json'].schema;
    expect(listResponse.properties.items.items.properties.demandId).toBeDefined();
    expect(openapi.body.paths['/contracts/{id}/sign'].post.responses['200'].content['application/json'].schema.properties.commissionFen).toBeDefined();
    const kpis = await request(app).get('/kpis').set('Authorization', `Bearer ${tj}`);
    expect(kpis.status).toBe(200);
    expect(kpis.body.counts.demands.published).toBeGreaterThan(0);
  });
});
