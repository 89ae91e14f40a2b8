import {
  clusterOf,
  creditCodeCheckChar,
  creditCodeSchema,
  EXAMPLE_CREDIT_CODES,
  fenSchema,
  industryFieldSchema,
  isValidCreditCode,
  REGIONS,
  regionCodeSchema,
  stageOfTrl,
  trlSchema,
} from '../src';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the worked example of the standard', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('computes check characters, including the 0 case where 31 - sum%31 = 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // sum % 31 == 0 must give '0', not an out-of-range index
    const base = '00000000000000000';
    expect(creditCodeCheckChar(base)).toBe('0');
  });

  it.each(Object.entries(EXAMPLE_CREDIT_CODES))('example code %s (%s) is valid', (_name, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('names the expected check character when it is wrong', () => {
    const r = creditCodeSchema.safeParse('91350100M000100Y44');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('check character is 4 but must be 3');
  });

  it.each([
    ['too short', '91350100M000100Y4', 'must have 18 characters (has 17)'],
    ['forbidden letter I', '9135010IM000100Y43', 'without I, O, S, V, Z'],
    ['lower case', '91350100m000100y43', 'without I, O, S, V, Z'],
    ['letters in the division code', '913501AAM000100Y43', 'administrative division code'],
  ])('rejects %s', (_what, code, message) => {
    const r = creditCodeSchema.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(message);
  });

  it('refuses a non-string', () => {
    expect(isValidCreditCode(91350100)).toBe(false);
  });
});

describe('regions', () => {
  it('covers every provincial-level division with Chinese and English names', () => {
    expect(Object.keys(REGIONS)).toHaveLength(34);
    for (const info of Object.values(REGIONS)) {
      expect(info.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(info.en).toMatch(/^[A-Z]/);
    }
  });

  it('groups the corridor clusters', () => {
    expect(clusterOf('CN-BJ')).toBe('JJJ');
    expect(clusterOf('CN-HE')).toBe('JJJ');
    expect(clusterOf('CN-MO')).toBe('GBA');
    expect(clusterOf('CN-CQ')).toBe('CY');
    expect(clusterOf('CN-AH')).toBe('YRD');
    expect(clusterOf('CN-SN')).toBeNull();
  });

  it('rejects codes outside ISO 3166-2:CN with the offending value', () => {
    const r = regionCodeSchema.safeParse('CN-11');
    expect(r.error?.issues[0]?.message).toBe(
      'must be an ISO 3166-2:CN province code such as CN-BJ (got "CN-11")',
    );
    expect(regionCodeSchema.safeParse('cn-bj').success).toBe(false);
  });
});

describe('money in fen', () => {
  it('accepts integers and rejects fractions, negatives, strings and unsafe integers', () => {
    expect(fenSchema.parse(650_000_000)).toBe(650_000_000);
    expect(fenSchema.safeParse(12.5).error?.issues[0]?.message).toBe(
      'must be an amount in integer fen, not a fraction (got 12.5)',
    );
    expect(fenSchema.safeParse(-1).error?.issues[0]?.message).toBe('must be a non-negative amount in fen');
    expect(fenSchema.safeParse('100').error?.issues[0]?.message).toBe(
      'must be an amount in integer fen (got string "100")',
    );
    expect(fenSchema.safeParse(2 ** 53).success).toBe(false);
  });
});

describe('TRL and stage', () => {
  it.each([
    [1, 'research'],
    [3, 'research'],
    [4, 'development'],
    [6, 'development'],
    [7, 'commercialization'],
    [8, 'commercialization'],
    [9, 'industrialization'],
  ] as const)('TRL %i is %s', (trl, stage) => {
    expect(stageOfTrl(trl)).toBe(stage);
  });

  it('refuses levels outside 1..9', () => {
    expect(() => stageOfTrl(0)).toThrow(RangeError);
    expect(() => stageOfTrl(4.5)).toThrow(RangeError);
    expect(trlSchema.safeParse(10).success).toBe(false);
  });
});

describe('industry fields', () => {
  it('lists allowed values in the error', () => {
    const msg = industryFieldSchema.safeParse('blockchain').error?.issues[0]?.message;
    expect(msg).toContain('low-altitude-economy');
    expect(msg).toContain('"blockchain"');
  });
});
