import {
  DomainError,
  canTransition,
  commitInvestment,
  conversionEquity,
  convert,
  disburse,
} from '../../src/domain';
import type { CommitTerms, InvestmentState } from '../../src/domain';

const fund = { id: 'f1', region: 'CN-TJ' };
const enterprise = { creditCode: '91120116MA05JXXX1X', name: 'Haihe Photonics', region: 'CN-TJ' };
const grant: CommitTerms = { enterprise, instrument: 'invest-first-equity-later', amountFen: 5_000_000_00 };
const round = { roundName: 'Series A', preMoneyValuationFen: 90_000_000_00, postMoneyValuationFen: 100_000_000_00 };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('committing', () => {
  it('needs a stake for equity and none for convertible grants', () => {
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, instrument: 'equity' })).field).toBe('equityBasisPoints');
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, equityBasisPoints: 100 })).field).toBe('equityBasisPoints');
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, instrument: 'equity', equityBasisPoints: 0 })).field).toBe('equityBasisPoints');
    const eq = commitInvestment('i1', fund, { ...grant, instrument: 'equity', equityBasisPoints: 1_200 });
    expect(eq).toMatchObject({ status: 'committed', equityBasisPoints: 1_200, region: 'CN-TJ', fundId: 'f1' });
  });

  it('refuses conversion terms on plain equity and nonsense terms on grants', () => {
    const withTerms = { ...grant, instrument: 'equity' as const, equityBasisPoints: 10, conversionTerms: { discountBasisPoints: 100 } };
    expect(refusal(() => commitInvestment('i1', fund, withTerms)).field).toBe('conversionTerms');
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, conversionTerms: { discountBasisPoints: 10_000 } })).field).toBe(
      'conversionTerms.discountBasisPoints',
    );
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, conversionTerms: { valuationCapFen: 0 } })).field).toBe(
      'conversionTerms.valuationCapFen',
    );
  });

  it('refuses a zero or fractional amount', () => {
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, amountFen: 0 })).field).toBe('amountFen');
    expect(refusal(() => commitInvestment('i1', fund, { ...grant, amountFen: 0.5 })).field).toBe('amountFen');
  });
});

describe('lifecycle committed → disbursed → converted', () => {
  const committed = commitInvestment('i1', fund, grant);

  it('walks the happy path for 先投后股', () => {
    const converted = convert(disburse(committed), round);
    expect(converted.status).toBe('converted');
    expect(converted.equityBasisPoints).toBe(500);
  });

  it('walks the happy path for 拨投结合', () => {
    const g2e = commitInvestment('i2', fund, { ...grant, instrument: 'grant-to-equity' });
    expect(convert(disburse(g2e), round).status).toBe('converted');
  });

  it('refuses to convert before disbursement', () => {
    const err = refusal(() => convert(committed, round));
    expect(err.code).toBe('illegal-transition');
    expect(err.message).toContain('committed to converted');
  });

  it('refuses to disburse twice or after conversion', () => {
    const disbursed = disburse(committed);
    expect(refusal(() => disburse(disbursed)).code).toBe('illegal-transition');
    expect(refusal(() => disburse(convert(disbursed, round))).code).toBe('illegal-transition');
    expect(refusal(() => convert(convert(disbursed, round), round)).code).toBe('illegal-transition');
  });

  it('never converts plain equity', () => {
    const eq: InvestmentState = disburse(commitInvestment('i3', fund, { ...grant, instrument: 'equity', equityBasisPoints: 100 }));
    expect(canTransition(eq, 'converted')).toBe(false);
    expect(refusal(() => convert(eq, round)).message).toContain('does not convert');
  });

  it('answers canTransition for every pair', () => {
    const statuses = ['committed', 'disbursed', 'converted'] as const;
    const full = (status: (typeof statuses)[number]) => ({
      status,
      instrument: 'grant-to-equity' as const,
      amountFen: 10,
      disbursedFen: status === 'committed' ? 0 : 10,
    });
    const allowed = statuses.flatMap((from) => statuses.filter((to) => canTransition(full(from), to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['committed→disbursed', 'disbursed→converted']);
  });

  it('pays out in tranches and converts only once fully paid', () => {
    const first = disburse(committed, 2_000_000_00);
    expect(first).toMatchObject({ status: 'disbursed', disbursedFen: 2_000_000_00 });
    expect(refusal(() => convert(first, round)).message).toContain('once fully paid');
    expect(refusal(() => disburse(first, 3_000_000_01)).field).toBe('trancheFen');
    expect(refusal(() => disburse(first, 0)).field).toBe('trancheFen');
    const rest = disburse(first);
    expect(rest.disbursedFen).toBe(5_000_000_00);
    expect(refusal(() => disburse(rest, 1)).message).toContain('fully disbursed');
    expect(convert(rest, round).equityBasisPoints).toBe(500);
  });
});

describe('先投后股 conversion arithmetic', () => {
  it('at the round price the stake is amount ÷ post-money', () => {
    expect(conversionEquity(5_000_000_00, round)).toMatchObject({ equityBasisPoints: 500, priceBasis: 'round', effectivePreMoneyFen: 90_000_000_00 });
  });

  it('floors the stake (never rounds up what was not paid for)', () => {
    // 1 fen of 3 fen post-money = 3 333.33… bp → 3 333
    expect(conversionEquity(1, { roundName: 'A', preMoneyValuationFen: 2, postMoneyValuationFen: 3 }).equityBasisPoints).toBe(3_333);
    // 299 999 ÷ 100 000 000 × 10 000 = 29.9999 → 29
    expect(conversionEquity(299_999, { roundName: 'A', preMoneyValuationFen: 90_000_000, postMoneyValuationFen: 100_000_000 }).equityBasisPoints).toBe(29);
  });

  it('applies a discount to the round price', () => {
    // 20 % off: 5 % ÷ 0.8 = 6.25 %
    expect(conversionEquity(5_000_000_00, round, { discountBasisPoints: 2_000 })).toMatchObject({ equityBasisPoints: 625, priceBasis: 'discount' });
  });

  it('applies a cap on the pre-money valuation when it beats the discount', () => {
    // cap 45m vs pre 90m: price halves, stake doubles to 10 %
    const conv = conversionEquity(5_000_000_00, round, { discountBasisPoints: 2_000, valuationCapFen: 45_000_000_00 });
    expect(conv).toMatchObject({ equityBasisPoints: 1_000, priceBasis: 'cap', effectivePreMoneyFen: 45_000_000_00 });
  });

  it('ignores a cap above the round valuation and keeps the round basis on ties', () => {
    expect(conversionEquity(5_000_000_00, round, { valuationCapFen: 200_000_000_00 }).priceBasis).toBe('round');
    expect(conversionEquity(5_000_000_00, round, { valuationCapFen: 90_000_000_00 }).priceBasis).toBe('round');
    expect(conversionEquity(5_000_000_00, round, { discountBasisPoints: 0 }).priceBasis).toBe('round');
  });

  it('stays exact at sizes where floating point would drift', () => {
    const big = { roundName: 'A', preMoneyValuationFen: 3_000_000_000_000_000, postMoneyValuationFen: 9_000_000_000_000_000 };
    // 1/3 of the post-money, floored
    expect(conversionEquity(3_000_000_000_000_000, big).equityBasisPoints).toBe(3_333);
  });

  it('refuses inconsistent valuations and stakes beyond 100 %', () => {
    expect(() => conversionEquity(1, { roundName: 'A', preMoneyValuationFen: 10, postMoneyValuationFen: 9 })).toThrow(/post-money/);
    expect(() => conversionEquity(1, { roundName: 'A', preMoneyValuationFen: 0, postMoneyValuationFen: 9 })).toThrow(DomainError);
    expect(() => conversionEquity(10, { roundName: 'A', preMoneyValuationFen: 10, postMoneyValuationFen: 10 }, { valuationCapFen: 1 })).toThrow(/100 %/);
  });
});
