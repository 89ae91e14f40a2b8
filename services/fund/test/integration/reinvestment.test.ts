import { randomUUID } from 'node:crypto';
import { waitFor } from '@corridor/testkit';
import { creditCode, findRecord, otherServiceEvent, startFund, type Harness } from '../support/harness';

/**
 * The chain's last link against the real broker and database: park-onboarding's settlement
 * events and fund's 先投后股 investments meet in the fund's 返投 progress, whatever their order.
 */
let h: Harness;
let tj: string;
let ops: string;

beforeAll(async () => {
  h = await startFund({ 'tj-finance': ['CN-TJ'] });
  [tj, ops] = await Promise.all([h.token('CN-TJ', ['agency-writer']), h.token('CN-BJ', ['operator'])]);
});
afterAll(() => h?.stop());

function settled(code: string, applicationId = `app-${randomUUID()}`, id?: string) {
  return otherServiceEvent(
    'corridor.park.enterprise.settled.v1',
    '/corridor/park-onboarding',
    'CN-TJ',
    {
      applicationId,
      parkId: 'binhai-park',
      parkRegion: 'CN-TJ',
      kind: 'relocation',
      enterprise: { name: `Enterprise ${code}`, creditCode: code, originRegion: 'CN-BJ' },
      localEntity: { name: `Enterprise ${code}`, creditCode: code, region: 'CN-TJ' },
      occupancy: { occupied: 1, capacity: 50 },
      settledAt: new Date().toISOString(),
    },
    id ? { id } : {},
  );
}

async function seedFund() {
  const res = await h
    .http()
    .post('/funds')
    .set('Authorization', `Bearer ${tj}`)
    .send({
      name: 'Tianjin seed fund',
      kind: 'seed',
      region: 'CN-TJ',
      manager: { name: 'Tianjin Venture Capital Management' },
      governmentCommitmentFen: 1_000_000,
      totalSizeFen: 5_000_000,
      reinvestmentRatioBasisPoints: 15_000, // 1.5 × 1 000 000 = 1 500 000 fen required
    })
    .expect(201);
  return res.body.fundId as string;
}

async function invest(fundId: string, code: string, amountFen: number, correlationId?: string) {
  const req = h.http().post(`/funds/${fundId}/investments`).set('Authorization', `Bearer ${tj}`);
  if (correlationId) req.set('x-correlation-id', correlationId);
  const res = await req.send({
    enterprise: { name: `Enterprise ${code}`, creditCode: code, region: 'CN-TJ' },
    instrument: 'invest-first-equity-later',
    amountFen,
  });
  expect(res.status).toBe(201);
  return res.body as { investmentId: string; countsTowardReinvestmentAtCommit: boolean };
}

const progress = async (fundId: string) =>
  (await h.http().get(`/funds/${fundId}/reinvestment`).set('Authorization', `Bearer ${tj}`).expect(200)).body as {
    qualifyingFen: number;
    qualifyingInvestments: number;
    requiredFen: number;
    progress: number;
  };

const candidate = async (code: string) => {
  const res = await h.http().get('/candidates').query({ region: 'CN-TJ', limit: 100 }).set('Authorization', `Bearer ${tj}`);
  return (res.body.items as { creditCode: string; settlements: unknown[] }[]).find((c) => c.creditCode === code);
};

it('settlement first, then a 先投后股 investment: counts toward 返投 at once', async () => {
  const fundId = await seedFund();
  const code = creditCode(101);
  await h.publish([settled(code)]);
  await waitFor(() => candidate(code), { description: 'settled enterprise projected' });

  const inv = await invest(fundId, code, 500_000, 'corr-settle-first');
  expect(inv.countsTowardReinvestmentAtCommit).toBe(true);
  expect(await progress(fundId)).toMatchObject({ requiredFen: 1_500_000, qualifyingFen: 500_000, qualifyingInvestments: 1, progress: 0.3333 });

  // The committed event carries the request's correlation id and the basis of the candidacy.
  const record = await findRecord(h.topic('corridor.fund.investment.v1'), (r) => r.headers.ce_subject === inv.investmentId);
  expect(record.headers).toMatchObject({ ce_type: 'corridor.fund.investment.committed.v1', ce_correlationid: 'corr-settle-first', ce_region: 'CN-TJ' });
  expect(record.key).toBe(inv.investmentId);
  expect(record.value).toMatchObject({ countsTowardReinvestment: true, basis: { settlementApplicationId: expect.any(String) } });
});

it('announces an established fund with its derived leverage and 返投 requirement', async () => {
  const fundId = await seedFund();
  const record = await findRecord(h.topic('corridor.fund.fund.v1'), (r) => r.key === fundId);
  expect(record.headers).toMatchObject({ ce_type: 'corridor.fund.fund.established.v1', ce_source: '/corridor/fund', ce_region: 'CN-TJ' });
  expect(record.value).toMatchObject({ fundId, leverage: 5, reinvestment: { ratioBasisPoints: 15_000, requirementFen: 1_500_000 } });
});

it('investment first, settlement later: starts counting when the settlement arrives', async () => {
  const fundId = await seedFund();
  const code = creditCode(202);
  const inv = await invest(fundId, code, 700_000);
  expect(inv.countsTowardReinvestmentAtCommit).toBe(false);
  expect((await progress(fundId)).qualifyingFen).toBe(0);

  await h.publish([settled(code)]);
  const after = await waitFor(async () => {
    const p = await progress(fundId);
    return p.qualifyingFen > 0 && p;
  }, { description: '返投 progress after the late settlement' });
  expect(after).toMatchObject({ qualifyingFen: 700_000, qualifyingInvestments: 1, progress: 0.4666 });
});

it('a settlement delivered twice counts once', async () => {
  const fundId = await seedFund();
  const code = creditCode(303);
  await invest(fundId, code, 300_000);
  const event = settled(code);
  await h.publish([event]);
  await h.publish([event]); // a producer retry: same ce_id
  // The same application re-announced under a new event id is also one settlement.
  await h.publish([settled(code, event.data.applicationId)]);

  const metric = (outcome: string) => async () => {
    const text = (await h.http().get('/metrics')).text;
    const re = new RegExp(
      `corridor_events_consumed_total\\{type="corridor.park.enterprise.settled.v1",topic="[^"]+",consumer="${h.prefix}.fund-projections",outcome="${outcome}"[^}]*\\} (\\d+)`,
    );
    return Number(re.exec(text)?.[1] ?? 0);
  };
  await waitFor(async () => (await metric('duplicate')()) >= 2, { description: 'both redeliveries seen as duplicates' });

  expect((await candidate(code))?.settlements).toHaveLength(1);
  expect(await progress(fundId)).toMatchObject({ qualifyingFen: 300_000, qualifyingInvestments: 1 });
});

it('records PoC-passed technologies and signed contracts as candidates and opportunities', async () => {
  const buyer = creditCode(404);
  await h.publish([
    otherServiceEvent('corridor.supply.technology.poc-completed.v1', '/corridor/supply', 'CN-BJ', {
      technologyId: 'tech-poc-1',
      region: 'CN-BJ',
      passed: true,
      trlBefore: 4,
      trlAfter: 5,
      stageAfter: 'development',
      reportSummary: 'prototype validated',
      completedAt: new Date().toISOString(),
      pocCenterId: 'poc-zgc',
      pocCenterName: 'Zhongguancun PoC Center',
      pocCenterRegion: 'CN-BJ',
    }),
    otherServiceEvent('corridor.supply.technology.poc-completed.v1', '/corridor/supply', 'CN-BJ', {
      technologyId: 'tech-poc-2',
      region: 'CN-BJ',
      passed: false,
      trlBefore: 4,
      trlAfter: 4,
      stageAfter: 'development',
      reportSummary: 'did not reach the target',
      completedAt: new Date().toISOString(),
      pocCenterId: 'poc-zgc',
      pocCenterName: 'Zhongguancun PoC Center',
      pocCenterRegion: 'CN-BJ',
    }),
    otherServiceEvent('corridor.demand.contract.signed.v1', '/corridor/demand', 'CN-TJ', {
      contractId: 'contract-1',
      technologyId: 'tech-poc-1',
      type: 'transfer',
      title: 'Photonic sensor transfer',
      seller: { institutionId: 'pku', name: 'Peking University', kind: 'university', region: 'CN-BJ' },
      buyer: { name: 'Haihe Photonics', creditCode: buyer, region: 'CN-TJ' },
      valueFen: 3_000_000_00,
      manager: { id: 'mgr-1', name: 'Li Wei', commissionFen: 10_000_00 },
      signedAt: new Date().toISOString(),
    }),
  ]);
  const tech = await waitFor(async () => {
    const res = await h.http().get('/candidates').query({ region: 'CN-BJ', type: 'technology' }).set('Authorization', `Bearer ${tj}`);
    return res.body.items.length > 0 && res.body.items;
  });
  expect(tech).toEqual([expect.objectContaining({ technologyId: 'tech-poc-1', region: 'CN-BJ', trlAfter: 5 })]);
  const opp = await waitFor(async () => {
    const res = await h.http().get('/opportunities').query({ region: 'CN-TJ' }).set('Authorization', `Bearer ${tj}`);
    return res.body.items.length > 0 && res.body.items;
  });
  expect(opp).toEqual([expect.objectContaining({ contractId: 'contract-1', buyerRegion: 'CN-TJ', valueFen: 3_000_000_00 })]);
});

describe('agency ingest: loan.register-requested', () => {
  let tjPool: string;
  let bjPool: string;
  beforeAll(async () => {
    const pool = async (region: string) =>
      (
        await h
          .http()
          .post('/pools')
          .set('Authorization', `Bearer ${ops}`)
          .send({ name: `${region} pool`, region, partnerBanks: ['Bank of Tianjin'], coverageBasisPoints: 7_000, perLoanCapFen: 500_000, initialBalanceFen: 1_000_000 })
          .expect(201)
      ).body.poolId as string;
    [tjPool, bjPool] = await Promise.all([pool('CN-TJ'), pool('CN-BJ')]);
  });

  const command = (poolId: string, region: string, loanId: string) =>
    otherServiceEvent(
      'corridor.fund.loan.register-requested.v1',
      '/agencies/tj-finance',
      region,
      {
        loanId,
        poolId,
        bank: { name: 'Bank of Tianjin' },
        enterprise: { name: 'Haihe Photonics', creditCode: creditCode(505), region: 'CN-TJ' },
        principalFen: 1_000_000,
        termMonths: 12,
        annualRateBasisPoints: 385,
      },
      { correlationId: `corr-${loanId}` },
    );

  it('registers the loan exactly like POST /pools/:id/loans, continuing the correlation', async () => {
    const cmd = command(tjPool, 'CN-TJ', 'ingest-loan-1');
    await h.publish([cmd, cmd]);
    const pool = await waitFor(async () => {
      const res = await h.http().get(`/pools/${tjPool}`).set('Authorization', `Bearer ${tj}`);
      return res.body.loans.length > 0 && res.body;
    });
    expect(pool.loans).toEqual([expect.objectContaining({ id: 'ingest-loan-1', status: 'registered', principalFen: 1_000_000 })]);
    const record = await findRecord(h.topic('corridor.fund.loan.v1'), (r) => r.value.loanId === 'ingest-loan-1');
    expect(record.headers).toMatchObject({
      ce_type: 'corridor.fund.loan.registered.v1',
      ce_correlationid: 'corr-ingest-loan-1',
      ce_causationid: cmd.id,
      ce_subject: tjPool,
    });
  });

  it("rejects a command into another region's pool, telling the agency which field", async () => {
    const cmd = command(bjPool, 'CN-TJ', 'ingest-loan-2');
    await h.publish([cmd]);
    const rejection = await findRecord(h.topic('corridor.fund.rejections.v1'), (r) => r.value.originalId === cmd.id);
    expect(rejection.value).toMatchObject({ reasonCode: 'rule-violated', reasons: [expect.objectContaining({ path: 'data.poolId' })] });
    const pool = await h.http().get(`/pools/${bjPool}`).set('Authorization', `Bearer ${ops}`);
    expect(pool.body.loans).toHaveLength(0);
  });

  it('rejects a command claiming a region the agency may not act for', async () => {
    const cmd = command(bjPool, 'CN-BJ', 'ingest-loan-3');
    await h.publish([cmd]);
    const rejection = await findRecord(h.topic('corridor.fund.rejections.v1'), (r) => r.value.originalId === cmd.id);
    expect(rejection.value).toMatchObject({ reasonCode: 'region-forbidden' });
  });
});
