import { DomainRuleViolation, computeCommissionFen, validateCommissionRule } from '../../src/domain';

describe('commission in integer fen', () => {
  it('applies basis points exactly when the product divides evenly', () => {
    // ¥1,000,000.00 at 3% = ¥30,000.00
    expect(computeCommissionFen(100_000_000, { kind: 'basis-points', basisPoints: 300 })).toBe(3_000_000);
  });

  it('rounds half a fen up (四舍五入)', () => {
    // 50 fen × 1% = 0.5 fen → 1
    expect(computeCommissionFen(50, { kind: 'basis-points', basisPoints: 100 })).toBe(1);
    // 149 fen × 1% = 1.49 fen → 1
    expect(computeCommissionFen(149, { kind: 'basis-points', basisPoints: 100 })).toBe(1);
    // 150 fen × 1% = 1.5 fen → 2
    expect(computeCommissionFen(150, { kind: 'basis-points', basisPoints: 100 })).toBe(2);
    // 12,345 fen × 2.5% = 308.625 fen → 309
    expect(computeCommissionFen(12_345, { kind: 'basis-points', basisPoints: 250 })).toBe(309);
    // 1 fen × 49.99% = 0.4999 fen → 0
    expect(computeCommissionFen(1, { kind: 'basis-points', basisPoints: 4_999 })).toBe(0);
  });

  it('stays exact near Number.MAX_SAFE_INTEGER where float arithmetic would drift', () => {
    const value = Number.MAX_SAFE_INTEGER; // 9007199254740991
    // 9007199254740991 × 3333 / 10000 = 3002099511605172.3003 → 3002099511605172
    expect(computeCommissionFen(value, { kind: 'basis-points', basisPoints: 3_333 })).toBe(3_002_099_511_605_172);
    expect(computeCommissionFen(value, { kind: 'basis-points', basisPoints: 10_000 })).toBe(value);
    // 9007199254740991 × 116 / 10000 = 104483511354995.4956 → …995; floats round it to …996
    expect(computeCommissionFen(value, { kind: 'basis-points', basisPoints: 116 })).toBe(104_483_511_354_995);
    expect(Math.round((value * 116) / 10_000)).toBe(104_483_511_354_996);
  });

  it('applies floor and cap after rounding', () => {
    const rule = { kind: 'basis-points' as const, basisPoints: 300, minFen: 500_000, maxFen: 20_000_000 };
    expect(computeCommissionFen(1_000_000, rule)).toBe(500_000); // 3% = 30,000 fen → floor
    expect(computeCommissionFen(10_000_000_000, rule)).toBe(20_000_000); // 3% = 300,000,000 → cap
    expect(computeCommissionFen(100_000_000, rule)).toBe(3_000_000);
  });

  it('pays a fixed amount, and never more than the contract is worth', () => {
    expect(computeCommissionFen(1_000_000, { kind: 'fixed', amountFen: 250_000 })).toBe(250_000);
    expect(() => computeCommissionFen(1_000, { kind: 'fixed', amountFen: 1_001 })).toThrow(/exceeds the contract value/);
    expect(() =>
      computeCommissionFen(1_000, { kind: 'basis-points', basisPoints: 100, minFen: 2_000 }),
    ).toThrow(DomainRuleViolation);
  });

  it.each([
    [{ kind: 'basis-points' as const, basisPoints: 10_001 }, 'commission.basisPoints'],
    [{ kind: 'basis-points' as const, basisPoints: -1 }, 'commission.basisPoints'],
    [{ kind: 'basis-points' as const, basisPoints: 2.5 }, 'commission.basisPoints'],
    [{ kind: 'basis-points' as const, basisPoints: 100, minFen: 10, maxFen: 5 }, 'commission.minFen'],
    [{ kind: 'basis-points' as const, basisPoints: 100, maxFen: 1.5 }, 'commission.maxFen'],
    [{ kind: 'fixed' as const, amountFen: -1 }, 'commission.amountFen'],
  ])('refuses rule %j naming %s', (rule, field) => {
    try {
      validateCommissionRule(rule);
      throw new Error('accepted an invalid rule');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainRuleViolation);
      expect((error as DomainRuleViolation).field).toBe(field);
    }
  });

  it('refuses a contract value that is not whole fen', () => {
    expect(() => computeCommissionFen(100.5, { kind: 'basis-points', basisPoints: 100 })).toThrow(/integer amount of fen/);
    expect(() => computeCommissionFen(2 ** 53, { kind: 'basis-points', basisPoints: 100 })).toThrow(DomainRuleViolation);
  });
});
