import {
  DomainError,
  compensate,
  compensationFor,
  createPool,
  defaultAndCompensate,
  deposit,
  markDefaulted,
  registerLoan,
} from '../../src/domain';
import type { PoolState } from '../../src/domain';

const terms = {
  name: 'Tianjin tech SME pool',
  region: 'CN-TJ',
  partnerBanks: ['Bank of Tianjin', 'ICBC Tianjin'],
  coverageBasisPoints: 8_000,
  perLoanCapFen: 1_000_000,
  initialBalanceFen: 1_500_000,
};
const borrower = { creditCode: '91120116MA05JXXX1X', name: 'Haihe Photonics', region: 'CN-TJ' };
const bank = { name: 'Bank of Tianjin' };
const loanTerms = { termMonths: 24, annualRateBasisPoints: 385 };

function withLoans(pool: PoolState, ...loans: [string, number][]): PoolState {
  return loans.reduce((p, [id, principalFen]) => registerLoan(p, { id, bank, borrower, principalFen, ...loanTerms }).pool, pool);
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('pool set-up', () => {
  it.each([
    [{ partnerBanks: [] }, 'partnerBanks'],
    [{ partnerBanks: ['X', 'X'] }, 'partnerBanks'],
    [{ coverageBasisPoints: 0 }, 'coverageBasisPoints'],
    [{ coverageBasisPoints: 10_001 }, 'coverageBasisPoints'],
    [{ perLoanCapFen: 0 }, 'perLoanCapFen'],
    [{ initialBalanceFen: -1 }, 'initialBalanceFen'],
  ])('refuses %p naming %s', (patch, field) => {
    expect(refusal(() => createPool('p1', { ...terms, ...patch })).field).toBe(field);
  });

  it('accepts an empty pool', () => {
    expect(createPool('p1', { ...terms, initialBalanceFen: 0 }).balanceFen).toBe(0);
  });
});

describe('registering loans', () => {
  const pool = createPool('p1', terms);
  it('only from partner banks, once per id, with a positive principal', () => {
    expect(refusal(() => registerLoan(pool, { id: 'l1', bank: { name: 'Other' }, borrower, principalFen: 1, ...loanTerms })).field).toBe('bank.name');
    expect(refusal(() => registerLoan(pool, { id: 'l1', bank: { name: 'ICBC Tianjin' }, borrower, principalFen: 0, ...loanTerms })).field).toBe('principalFen');
    expect(refusal(() => registerLoan(pool, { id: 'l1', bank, borrower, principalFen: 1, termMonths: 0, annualRateBasisPoints: 1 })).field).toBe('termMonths');
    expect(refusal(() => registerLoan(pool, { id: 'l1', bank, borrower, principalFen: 1, termMonths: 1, annualRateBasisPoints: 3_601 })).field).toBe('annualRateBasisPoints');
    const once = withLoans(pool, ['l1', 100]);
    expect(once.loans[0]).toMatchObject({ id: 'l1', status: 'registered' });
    expect(refusal(() => withLoans(once, ['l1', 100])).code).toBe('already-exists');
  });
});

describe('compensation arithmetic', () => {
  it('pays the coverage share of the loss, floored to the fen', () => {
    // 80 % of 1 001 = 800.8 → 800
    expect(compensationFor(1_001, { coverageBasisPoints: 8_000, perLoanCapFen: 10_000, balanceFen: 10_000 })).toEqual({
      entitledFen: 800,
      paidFen: 800,
      shortfallFen: 0,
      limitedBy: 'none',
    });
  });

  it('never pays more than the per-loan cap', () => {
    expect(compensationFor(2_000_000, { coverageBasisPoints: 8_000, perLoanCapFen: 1_000_000, balanceFen: 5_000_000 })).toEqual({
      entitledFen: 1_600_000,
      paidFen: 1_000_000,
      shortfallFen: 600_000,
      limitedBy: 'cap',
    });
  });

  it('pays partially when the pool is nearly exhausted and nothing when it is empty', () => {
    expect(compensationFor(1_000, { coverageBasisPoints: 8_000, perLoanCapFen: 10_000, balanceFen: 300 })).toMatchObject({
      paidFen: 300,
      shortfallFen: 500,
      limitedBy: 'balance',
    });
    expect(compensationFor(1_000, { coverageBasisPoints: 8_000, perLoanCapFen: 10_000, balanceFen: 0 })).toMatchObject({
      paidFen: 0,
      shortfallFen: 800,
      limitedBy: 'balance',
    });
  });

  it('names the balance when cap and balance bind equally', () => {
    expect(compensationFor(1_000, { coverageBasisPoints: 10_000, perLoanCapFen: 500, balanceFen: 500 }).limitedBy).toBe('balance');
  });
});

describe('default → compensation', () => {
  const pool = withLoans(createPool('p1', terms), ['l1', 1_000_000], ['l2', 1_000_000], ['l3', 1_000_000]);

  it('drains the pool loan by loan and never below zero', () => {
    const first = defaultAndCompensate(pool, 'l1', 1_000_000); // 800 000
    expect(first.compensation.paidFen).toBe(800_000);
    expect(first.pool.balanceFen).toBe(700_000);
    const second = defaultAndCompensate(first.pool, 'l2', 1_000_000); // entitled 800 000, 700 000 left
    expect(second.compensation).toMatchObject({ paidFen: 700_000, shortfallFen: 100_000, limitedBy: 'balance' });
    expect(second.pool.balanceFen).toBe(0);
    const third = defaultAndCompensate(second.pool, 'l3', 500_000);
    expect(third.compensation.paidFen).toBe(0);
    expect(third.pool).toMatchObject({ balanceFen: 0, compensatedFen: 1_500_000 });
    expect(third.loan.status).toBe('compensated');
    // A top-up does not reopen settled loans.
    expect(deposit(third.pool, 10).balanceFen).toBe(10);
  });

  it('refuses illegal loan transitions and impossible losses', () => {
    expect(refusal(() => compensate(pool, 'l1')).code).toBe('illegal-transition');
    expect(refusal(() => markDefaulted(pool, 'nope', 1)).code).toBe('not-found');
    expect(refusal(() => markDefaulted(pool, 'l1', 1_000_001)).field).toBe('lossFen');
    expect(refusal(() => markDefaulted(pool, 'l1', 0)).field).toBe('lossFen');
    const done = defaultAndCompensate(pool, 'l1', 10).pool;
    expect(refusal(() => markDefaulted(done, 'l1', 10)).code).toBe('illegal-transition');
    expect(refusal(() => compensate(done, 'l1')).code).toBe('illegal-transition');
  });
});
