import { DomainError, establishFund, leverage, reinvestmentRequiredFen, remainingFen, reserveCommitment } from '../../src/domain';
import type { FundTerms } from '../../src/domain';

const seed: FundTerms = {
  name: 'Tianjin seed fund',
  kind: 'seed',
  region: 'CN-TJ',
  manager: { name: 'Tianjin Venture Management' },
  governmentCommitmentFen: 20_000_000_00,
  totalSizeFen: 100_000_000_00,
  reinvestmentRatioBasisPoints: 15_000,
};

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('establishing a fund', () => {
  it('starts with nothing committed', () => {
    const fund = establishFund('f1', seed);
    expect(fund).toMatchObject({ id: 'f1', committedFen: 0, kind: 'seed' });
    expect(remainingFen(fund)).toBe(100_000_000_00);
  });

  it.each([
    [{ totalSizeFen: 0 }, 'totalSizeFen'],
    [{ governmentCommitmentFen: 0 }, 'governmentCommitmentFen'],
    [{ totalSizeFen: 1.5 }, 'totalSizeFen'],
    [{ governmentCommitmentFen: seed.totalSizeFen + 1 }, 'governmentCommitmentFen'],
    [{ reinvestmentRatioBasisPoints: 100_001 }, 'reinvestmentRatioBasisPoints'],
    [{ reinvestmentRatioBasisPoints: -1 }, 'reinvestmentRatioBasisPoints'],
    [{ reinvestmentRatioBasisPoints: 1.5 }, 'reinvestmentRatioBasisPoints'],
    // 6× the government money is more than the fund holds
    [{ reinvestmentRatioBasisPoints: 60_000 }, 'reinvestmentRatioBasisPoints'],
    [{ parentFundId: 'm1' }, 'parentFundId'],
  ])('refuses %p naming %s', (patch, field) => {
    const err = refusal(() => establishFund('f1', { ...seed, ...patch }));
    expect(err.code).toBe('invalid');
    expect(err.field).toBe(field);
  });

  it('needs an existing mother fund as the parent of a sub-fund', () => {
    const sub: FundTerms = { ...seed, kind: 'sub', parentFundId: 'm1' };
    expect(refusal(() => establishFund('s1', { ...sub, parentFundId: undefined })).field).toBe('parentFundId');
    expect(refusal(() => establishFund('s1', sub, null)).code).toBe('not-found');
    expect(refusal(() => establishFund('s1', sub, { kind: 'seed' })).field).toBe('parentFundId');
    expect(establishFund('s1', sub, { kind: 'mother' }).parentFundId).toBe('m1');
  });
});

describe('leverage', () => {
  it('is size ÷ government money', () => {
    expect(leverage(seed)).toEqual({ bp: 50_000, ratio: 5 });
  });

  it('floors to four decimals from integer fen', () => {
    // 10 / 3 = 3.33333… → 3.3333
    expect(leverage({ totalSizeFen: 10, governmentCommitmentFen: 3 })).toEqual({ bp: 33_333, ratio: 3.3333 });
  });

  it('is exact for sizes whose product with 10 000 leaves the safe integer range', () => {
    const huge = { totalSizeFen: 9_000_000_000_000_000, governmentCommitmentFen: 3_000_000_000_000_000 };
    expect(leverage(huge)).toEqual({ bp: 30_000, ratio: 3 });
  });

  it('is 1 when the government pays for everything', () => {
    expect(leverage({ totalSizeFen: 7, governmentCommitmentFen: 7 }).ratio).toBe(1);
  });
});

describe('commitments against the fund size', () => {
  const fund = establishFund('f1', { ...seed, totalSizeFen: 1_000, governmentCommitmentFen: 200 });

  it('may use up exactly the remaining size', () => {
    const after = reserveCommitment(reserveCommitment(fund, 600), 400);
    expect(after.committedFen).toBe(1_000);
    expect(remainingFen(after)).toBe(0);
  });

  it('refuses one fen beyond the remaining size', () => {
    const err = refusal(() => reserveCommitment(reserveCommitment(fund, 600), 401));
    expect(err.code).toBe('exceeds-fund-size');
    expect(err.field).toBe('amountFen');
    expect(err.message).toContain('400');
  });

  it('refuses anything once the fund is fully committed', () => {
    expect(refusal(() => reserveCommitment({ ...fund, committedFen: 1_000 }, 1)).code).toBe('exceeds-fund-size');
  });

  it.each([0, -5, 2.5])('refuses a commitment of %p fen', (amount) => {
    expect(refusal(() => reserveCommitment(fund, amount)).field).toBe('amountFen');
  });
});

describe('返投 requirement', () => {
  it('is the ratio times the government money, rounded up to the whole fen', () => {
    // 1 001 × 1.5 = 1 501.5 → 1 502
    expect(reinvestmentRequiredFen({ governmentCommitmentFen: 1_001, reinvestmentRatioBasisPoints: 15_000 })).toBe(1_502);
    expect(reinvestmentRequiredFen({ governmentCommitmentFen: 1_000, reinvestmentRatioBasisPoints: 5_000 })).toBe(500);
    expect(reinvestmentRequiredFen({ governmentCommitmentFen: 1_000, reinvestmentRatioBasisPoints: 0 })).toBe(0);
  });

  it('may equal but not exceed the fund size', () => {
    // 5× of 20 % = the whole fund
    expect(establishFund('f1', { ...seed, reinvestmentRatioBasisPoints: 50_000 }).reinvestmentRatioBasisPoints).toBe(50_000);
  });
});
