import { commitInvestment, disburse, establishFund, reinvestmentProgress, summariseByRegion } from '../../src/domain';

const fund = establishFund('f1', {
  name: 'Tianjin seed fund',
  kind: 'seed',
  region: 'CN-TJ',
  manager: { name: 'M' },
  governmentCommitmentFen: 200,
  totalSizeFen: 1_000,
  reinvestmentRatioBasisPoints: 25_000, // 2.5 × 200 = 500 fen required
});
const a = { creditCode: 'A', name: 'A', region: 'CN-TJ' };
const b = { creditCode: 'B', name: 'B', region: 'CN-BJ' };
const grantA = commitInvestment('i1', fund, { enterprise: a, instrument: 'invest-first-equity-later', amountFen: 200 });
const equityB = disburse(commitInvestment('i2', fund, { enterprise: b, instrument: 'equity', amountFen: 150, equityBasisPoints: 10 }));
const otherFund = { ...commitInvestment('i3', { id: 'f2', region: 'CN-TJ' }, { enterprise: a, instrument: 'equity', amountFen: 999, equityBasisPoints: 1 }) };

describe('返投 progress', () => {
  it('counts only investments into enterprises settled in the region', () => {
    const p = reinvestmentProgress(fund, [grantA, equityB, otherFund], new Set(['A']));
    expect(p).toMatchObject({
      requiredFen: 500,
      qualifyingFen: 200,
      qualifyingDisbursedFen: 0,
      qualifyingInvestments: 1,
      shortfallFen: 300,
      progress: { bp: 4_000, ratio: 0.4 },
      met: false,
      byInstrument: { 'invest-first-equity-later': 200 },
    });
  });

  it('is the same whichever order the settlement and the investment came in', () => {
    const before = reinvestmentProgress(fund, [grantA], new Set());
    expect(before.qualifyingFen).toBe(0);
    const after = reinvestmentProgress(fund, [grantA, equityB], new Set(['A', 'B']));
    expect(after).toMatchObject({ qualifyingFen: 350, qualifyingDisbursedFen: 150, progress: { ratio: 0.7 } });
  });

  it('goes beyond 1 and reports met when exceeded', () => {
    const big = commitInvestment('i4', fund, { enterprise: b, instrument: 'equity', amountFen: 800, equityBasisPoints: 1 });
    const p = reinvestmentProgress(fund, [grantA, big], new Set(['A', 'B']));
    expect(p).toMatchObject({ qualifyingFen: 1_000, shortfallFen: 0, met: true, progress: { bp: 20_000, ratio: 2 } });
  });

  it('is complete when nothing is required', () => {
    const p = reinvestmentProgress({ ...fund, reinvestmentRatioBasisPoints: 0 }, [], new Set());
    expect(p).toMatchObject({ requiredFen: 0, met: true, progress: { ratio: 1 } });
  });
});

describe('regional summary', () => {
  it('sums money before dividing, and leaves undefined ratios null', () => {
    const funds = [
      { id: 'f1', region: 'CN-TJ', governmentCommitmentFen: 100, totalSizeFen: 500, committedFen: 50 },
      { id: 'f2', region: 'CN-TJ', governmentCommitmentFen: 300, totalSizeFen: 300, committedFen: 0 },
      { id: 'f3', region: 'CN-BJ', governmentCommitmentFen: 10, totalSizeFen: 30, committedFen: 0 },
    ];
    const progress = [
      { fundId: 'f1', requiredFen: 150, qualifyingFen: 50 },
      { fundId: 'f2', requiredFen: 0, qualifyingFen: 0 },
      { fundId: 'f3', requiredFen: 0, qualifyingFen: 0 },
    ];
    const [bj, tj] = summariseByRegion(funds, progress);
    // (500 + 300) ÷ (100 + 300) = 2, not the mean of 5 and 1
    expect(tj).toMatchObject({ region: 'CN-TJ', funds: 2, committedFen: 50, leverage: { ratio: 2 }, reinvestmentProgress: { bp: 3_333 } });
    expect(bj).toMatchObject({ region: 'CN-BJ', leverage: { ratio: 3 }, reinvestmentProgress: null });
  });
});
