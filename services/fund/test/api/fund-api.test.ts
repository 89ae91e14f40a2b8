import { fundResponse, investmentResponse, pageOf, poolResponse, reinvestmentResponse } from '../../src/api/responses';
import { startFund, creditCode, type Harness } from '../support/harness';

let h: Harness;
let tj: string; // CN-TJ agency writer
let bj: string; // CN-BJ agency writer
let ops: string; // operator
let reader: string;

const fundBody = (over: Record<string, unknown> = {}) => ({
  name: 'Tianjin seed fund',
  kind: 'seed',
  region: 'CN-TJ',
  manager: { name: 'Tianjin Venture Capital Management' },
  governmentCommitmentFen: 20_000_000_00,
  totalSizeFen: 100_000_000_00,
  reinvestmentRatioBasisPoints: 15_000,
  ...over,
});

const grant = (over: Record<string, unknown> = {}) => ({
  enterprise: { name: 'Haihe Photonics', creditCode: creditCode(1), region: 'CN-TJ' },
  instrument: 'invest-first-equity-later',
  amountFen: 5_000_000_00,
  ...over,
});

beforeAll(async () => {
  h = await startFund();
  [tj, bj, ops, reader] = await Promise.all([
    h.token('CN-TJ', ['agency-writer']),
    h.token('CN-BJ', ['agency-writer']),
    h.token('CN-BJ', ['operator']),
    h.token('CN-TJ', ['agency-reader']),
  ]);
});
afterAll(() => h?.stop());

async function createFund(over: Record<string, unknown> = {}, token = tj) {
  const res = await h.http().post('/funds').set('Authorization', `Bearer ${token}`).send(fundBody(over));
  expect(res.status).toBe(201);
  return res.body as { fundId: string; leverage: number; remainingFen: number };
}

describe('bad input → problem+json naming the field', () => {
  it('names every malformed field of the body', async () => {
    const res = await h
      .http()
      .post('/funds')
      .set('Authorization', `Bearer ${tj}`)
      .send(fundBody({ region: 'Tianjin', totalSizeFen: 12.5, kind: 'hedge' }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['kind', 'region', 'totalSizeFen']);
  });

  it('names the field a domain rule refused', async () => {
    const res = await h
      .http()
      .post('/funds')
      .set('Authorization', `Bearer ${tj}`)
      .send(fundBody({ governmentCommitmentFen: 200_000_000_00 }));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'governmentCommitmentFen', message: expect.stringContaining('cannot exceed') }]);
  });

  it('refuses an invalid credit code in a nested field', async () => {
    const { fundId } = await createFund();
    const res = await h
      .http()
      .post(`/funds/${fundId}/investments`)
      .set('Authorization', `Bearer ${tj}`)
      .send(grant({ enterprise: { name: 'X', creditCode: '91120116MA05JXXX1X', region: 'CN-TJ' } }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['enterprise.creditCode']);
  });

  it('refuses a commitment beyond the remaining fund size with 409 naming amountFen', async () => {
    const { fundId } = await createFund({ totalSizeFen: 1_000_000, governmentCommitmentFen: 200_000, reinvestmentRatioBasisPoints: 0 });
    const first = await h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`).send(grant({ amountFen: 600_000 }));
    expect(first.status).toBe(201);
    const over = await h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`).send(grant({ amountFen: 400_001 }));
    expect(over.status).toBe(409);
    expect(over.body.errors).toEqual([{ field: 'amountFen', message: expect.stringContaining('400000') }]);
    const fund = await h.http().get(`/funds/${fundId}`).set('Authorization', `Bearer ${reader}`);
    expect(fund.body).toMatchObject({ committedFen: 600_000, remainingFen: 400_000 });
  });

  it('never over-commits under concurrent commitments', async () => {
    const { fundId } = await createFund({ totalSizeFen: 1_000_000, governmentCommitmentFen: 200_000, reinvestmentRatioBasisPoints: 0 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`).send(grant({ amountFen: 300_000 })),
      ),
    );
    const accepted = results.filter((r) => r.status === 201).length;
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThanOrEqual(3);
    const fund = await h.http().get(`/funds/${fundId}`).set('Authorization', `Bearer ${reader}`);
    const list = await h.http().get('/investments').query({ fundId }).set('Authorization', `Bearer ${reader}`);
    expect(list.body.items).toHaveLength(accepted);
    expect(fund.body.committedFen).toBe(accepted * 300_000);
  });

  it('refuses an illegal state transition with 409', async () => {
    const { fundId } = await createFund();
    const inv = await h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`).send(grant());
    const res = await h
      .http()
      .post(`/investments/${inv.body.investmentId}/conversion`)
      .set('Authorization', `Bearer ${tj}`)
      .send({ round: { roundName: 'A', preMoneyValuationFen: 90_000_000_00, postMoneyValuationFen: 100_000_000_00 } });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('committed to converted');
  });
});

describe('mother funds and sub-funds', () => {
  it('a sub-fund names an existing mother fund', async () => {
    const mother = await createFund({ kind: 'mother', name: 'Tianjin mother fund' });
    const sub = await createFund({ kind: 'sub', parentFundId: mother.fundId, name: 'Tianjin AI sub-fund' });
    const got = await h.http().get(`/funds/${sub.fundId}`).set('Authorization', `Bearer ${reader}`);
    expect(got.body).toMatchObject({ kind: 'sub', parentFundId: mother.fundId });

    const post = (over: Record<string, unknown>) => h.http().post('/funds').set('Authorization', `Bearer ${tj}`).send(fundBody(over));
    const missing = await post({ kind: 'sub', parentFundId: 'no-such-fund' });
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'parentFundId' })]);
    const notMother = await post({ kind: 'sub', parentFundId: sub.fundId });
    expect(notMother.status).toBe(422);
    expect(notMother.body.errors).toEqual([expect.objectContaining({ field: 'parentFundId' })]);
    const taken = await post({ fundId: sub.fundId });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([expect.objectContaining({ field: 'fundId' })]);
  });
});

describe('the 先投后股 lifecycle over HTTP', () => {
  it('commits, disburses in tranches and converts with the computed stake', async () => {
    const { fundId, leverage } = await createFund();
    expect(leverage).toBe(5);
    const auth = { Authorization: `Bearer ${tj}` };
    const inv = await h.http().post(`/funds/${fundId}/investments`).set(auth).send(grant({ conversionTerms: { discountBasisPoints: 2_000 } }));
    expect(inv.status).toBe(201);
    const id = inv.body.investmentId as string;
    expect((await h.http().post(`/investments/${id}/disbursements`).set(auth).send({ trancheFen: 1_000_000_00 })).body).toMatchObject({
      status: 'disbursed',
      disbursedFen: 1_000_000_00,
    });
    await h.http().post(`/investments/${id}/disbursements`).set(auth).send({}).expect(200);
    const converted = await h
      .http()
      .post(`/investments/${id}/conversion`)
      .set(auth)
      .send({ round: { roundName: 'Series A', preMoneyValuationFen: 90_000_000_00, postMoneyValuationFen: 100_000_000_00 } });
    expect(converted.status).toBe(200);
    expect(converted.body).toMatchObject({ status: 'converted', equityBasisPoints: 625, conversion: { priceBasis: 'discount' } });
  });
});

describe('cursor pagination', () => {
  it('walks every fund of a filter exactly once, even when funds are added between pages', async () => {
    const ids = ['p-03', 'p-05', 'p-07', 'p-09', 'p-11'];
    for (const fundId of ids) await createFund({ fundId, region: 'CN-HE', kind: 'angel' }, ops);
    await createFund({ fundId: 'p-04', region: 'CN-HE', kind: 'seed' }, ops); // other kind: filtered out

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await h
        .http()
        .get('/funds')
        .query({ region: 'CN-HE', kind: 'angel', limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', `Bearer ${reader}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((f: { fundId: string }) => f.fundId));
      cursor = res.body.nextCursor;
      pages += 1;
      // A fund sorting before the cursor appears mid-walk: it must neither shift nor repeat a page.
      if (pages === 1) await createFund({ fundId: 'p-01', region: 'CN-HE', kind: 'angel' }, ops);
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  it('answers a forged cursor with 400 naming cursor', async () => {
    const res = await h.http().get('/funds').query({ cursor: 'not-a-cursor' }).set('Authorization', `Bearer ${reader}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response and commits nothing new', async () => {
    const { fundId } = await createFund();
    const send = () =>
      h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`).set('Idempotency-Key', 'commit-once-1').send(grant());
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const list = await h.http().get('/investments').query({ fundId }).set('Authorization', `Bearer ${reader}`);
    expect(list.body.items).toHaveLength(1);
    const fund = await h.http().get(`/funds/${fundId}`).set('Authorization', `Bearer ${reader}`);
    expect(fund.body.committedFen).toBe(5_000_000_00);
  });

  it('refuses the same key with a different body', async () => {
    const { fundId } = await createFund();
    const post = (amountFen: number) =>
      h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`).set('Idempotency-Key', 'k-2').send(grant({ amountFen }));
    expect((await post(100)).status).toBe(201);
    expect((await post(200)).status).toBe(422);
  });
});

describe('region authority', () => {
  it('an agency cannot write for another region, an operator can', async () => {
    const denied = await h.http().post('/funds').set('Authorization', `Bearer ${bj}`).send(fundBody());
    expect(denied.status).toBe(403);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);

    const { fundId } = await createFund(); // a CN-TJ fund
    const commit = await h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${bj}`).send(grant());
    expect(commit.status).toBe(403);
    const list = await h.http().get('/investments').query({ fundId }).set('Authorization', `Bearer ${ops}`);
    expect(list.body.items).toHaveLength(0);

    expect((await h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${ops}`).send(grant())).status).toBe(201);
  });

  it('a reader cannot write at all, and no token is a 401', async () => {
    expect((await h.http().post('/funds').set('Authorization', `Bearer ${reader}`).send(fundBody())).status).toBe(403);
    expect((await h.http().post('/funds').send(fundBody())).status).toBe(401);
  });
});

describe('risk-compensation pool over HTTP', () => {
  it('compensates the coverage share, then partially, then nothing once the pool is empty', async () => {
    const auth = { Authorization: `Bearer ${tj}` };
    const pool = await h
      .http()
      .post('/pools')
      .set(auth)
      .send({
        name: 'Tianjin SME pool',
        region: 'CN-TJ',
        partnerBanks: ['Bank of Tianjin'],
        coverageBasisPoints: 8_000,
        perLoanCapFen: 1_000_000,
        initialBalanceFen: 1_500_000,
      });
    expect(pool.status).toBe(201);
    const poolId = pool.body.poolId as string;
    const loan = (loanId: string) => ({
      loanId,
      poolId,
      bank: { name: 'Bank of Tianjin' },
      enterprise: { name: 'Haihe Photonics', creditCode: creditCode(7), region: 'CN-TJ' },
      principalFen: 2_000_000,
      termMonths: 12,
      annualRateBasisPoints: 385,
    });
    for (const id of ['l1', 'l2', 'l3']) await h.http().post(`/pools/${poolId}/loans`).set(auth).send(loan(id)).expect(201);
    const wrongPool = await h.http().post(`/pools/${poolId}/loans`).set(auth).send({ ...loan('l4'), poolId: 'elsewhere' });
    expect(wrongPool.body.errors[0].field).toBe('poolId');

    const paid = async (loanId: string, lossFen: number) =>
      (await h.http().post(`/pools/${poolId}/loans/${loanId}/default`).set(auth).send({ lossFen }).expect(200)).body.compensation;
    expect(await paid('l1', 2_000_000)).toMatchObject({ entitledFen: 1_600_000, paidFen: 1_000_000, limitedBy: 'cap' });
    expect(await paid('l2', 1_000_000)).toMatchObject({ entitledFen: 800_000, paidFen: 500_000, limitedBy: 'balance' });
    expect(await paid('l3', 1_000_000)).toMatchObject({ paidFen: 0, shortfallFen: 800_000 });
    const again = await h.http().post(`/pools/${poolId}/loans/l3/default`).set(auth).send({ lossFen: 1 });
    expect(again.status).toBe(409);
    const after = await h.http().get(`/pools/${poolId}`).set(auth);
    expect(after.body).toMatchObject({ balanceFen: 0, compensatedFen: 1_500_000 });
  });
});

describe('response shapes match the OpenAPI document', () => {
  it('fund, investment, reinvestment, pool and list responses parse with the published schemas', async () => {
    const auth = { Authorization: `Bearer ${ops}` };
    const fund = await h.http().post('/funds').set(auth).send(fundBody({ region: 'CN-GD' }));
    fundResponse.strict().parse(fund.body);
    const inv = await h.http().post(`/funds/${fund.body.fundId}/investments`).set(auth).send(grant({ conversionTerms: { valuationCapFen: 200_000_000_00 } }));
    expect(inv.status).toBe(201);
    investmentResponse.strict().parse(inv.body);
    await h.http().post(`/investments/${inv.body.investmentId}/disbursements`).set(auth).send({}).expect(200);
    const converted = await h
      .http()
      .post(`/investments/${inv.body.investmentId}/conversion`)
      .set(auth)
      .send({ round: { roundName: 'Pre-A', preMoneyValuationFen: 90_000_000_00, postMoneyValuationFen: 100_000_000_00 } });
    expect(investmentResponse.strict().parse(converted.body).conversion?.priceBasis).toBe('round');
    reinvestmentResponse.strict().parse((await h.http().get(`/funds/${fund.body.fundId}/reinvestment`).set(auth)).body);
    pageOf(fundResponse).strict().parse((await h.http().get('/funds').query({ region: 'CN-GD' }).set(auth)).body);
    pageOf(investmentResponse).strict().parse((await h.http().get('/investments').query({ region: 'CN-GD' }).set(auth)).body);
    const pool = await h
      .http()
      .post('/pools')
      .set(auth)
      .send({ name: 'GD pool', region: 'CN-GD', partnerBanks: ['Bank of Guangzhou'], coverageBasisPoints: 5_000, perLoanCapFen: 10, initialBalanceFen: 10 });
    poolResponse.strict().parse(pool.body);
    pageOf(poolResponse).strict().parse((await h.http().get('/pools').query({ region: 'CN-GD' }).set(auth)).body);
    const openapi = await h.http().get('/openapi.json');
    expect(openapi.body.paths['/funds/{id}'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('leverage');
  });
});

describe('service endpoints', () => {
  it('serves OpenAPI generated from the route schemas', async () => {
    const res = await h.http().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/funds', '/funds/{id}', '/funds/{id}/reinvestment', '/funds/{id}/investments', '/pools/{id}/loans', '/kpis', '/opportunities']),
    );
    expect(res.body.paths['/funds'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('reinvestmentRatioBasisPoints');
  });

  it('exports the business gauges, agreeing with /kpis', async () => {
    const auth = { Authorization: `Bearer ${ops}` };
    const { fundId } = await createFund({ fundId: 'gauge-fund', region: 'CN-SC', governmentCommitmentFen: 3, totalSizeFen: 10 }, ops);
    await h.http().post(`/funds/${fundId}/investments`).set(auth).send(grant({ amountFen: 4, instrument: 'grant-to-equity' })).expect(201);
    await h
      .http()
      .post('/pools')
      .set(auth)
      .send({ poolId: 'gauge-pool', name: 'Sichuan pool', region: 'CN-SC', partnerBanks: ['Bank of Chengdu'], coverageBasisPoints: 5_000, perLoanCapFen: 10, initialBalanceFen: 777 })
      .expect(201);
    const metrics = await h.http().get('/metrics');
    const series = (name: string, labels: string) => new RegExp(`^${name}\\{${labels}[^}]*\\} (\\S+)$`, 'm').exec(metrics.text)?.[1];
    expect(series('corridor_fund_leverage_ratio', 'fund_id="gauge-fund",region="CN-SC"')).toBe('3.3333');
    // 返投 requirement 1.5 × 3 fen = 5 fen (rounded up); nothing settled yet
    expect(series('corridor_fund_reinvestment_progress_ratio', 'fund_id="gauge-fund",region="CN-SC"')).toBe('0');
    expect(series('corridor_fund_invested_fen', 'fund_id="gauge-fund",region="CN-SC",instrument="grant-to-equity"')).toBe('4');
    expect(series('corridor_pool_balance_fen', 'pool_id="gauge-pool",region="CN-SC"')).toBe('777');
    const kpis = await h.http().get('/kpis').query({ region: 'CN-SC' }).set('Authorization', `Bearer ${reader}`);
    expect(kpis.body.funds).toEqual([
      expect.objectContaining({ fundId, leverage: 3.3333, investedFen: { 'grant-to-equity': 4 }, reinvestment: expect.objectContaining({ requiredFen: 5, progress: 0 }) }),
    ]);
    expect(kpis.body.regions).toEqual([expect.objectContaining({ region: 'CN-SC', leverage: { bp: 33_333, ratio: 3.3333 } })]);
    expect(kpis.body.pools).toEqual([{ poolId: 'gauge-pool', region: 'CN-SC', balanceFen: 777, compensatedFen: 0 }]);
  });
});
