import {
  DomainRuleViolation,
  IllegalTransition,
  acceptMatch,
  closeNeed,
  declineMatch,
  draftContract,
  explainMatch,
  markContracted,
  proposeMatch,
  publishNeed,
  regionOfParty,
  registerContract,
  signContract,
  terminateContract,
  type ContractInput,
  type NeedInput,
} from '../../src/domain';

const now = new Date('2026-11-23T10:00:00Z');
const needInput: NeedInput = {
  enterprise: { name: '天津某新能源公司', creditCode: '91120116MA06XXXXXX', region: 'CN-TJ' },
  title: '固态电解质',
  field: 'new-energy',
  problem: 'need a stable solid electrolyte',
  keywords: [' Electrolyte ', 'ELECTROLYTE', 'ｓｏｌｉｄ'],
  budgetFen: 500_000_000,
  deadline: '2027-06-30',
  acceptableModes: ['license', 'license', 'transfer'],
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainRuleViolation) return error.field;
    throw error;
  }
  throw new Error('expected a DomainRuleViolation');
}

describe('need (需求包)', () => {
  it('publishes with normalised keywords, unique modes and a default minimum TRL', () => {
    const need = publishNeed('n1', needInput, now);
    expect(need).toMatchObject({ demandId: 'n1', status: 'published', region: 'CN-TJ', keywords: ['electrolyte', 'solid'], acceptableModes: ['license', 'transfer'], minTrl: 7 });
  });

  it('names the field of each refused input', () => {
    expect(fieldOf(() => publishNeed('n', { ...needInput, budgetFen: 1.5 }, now))).toBe('budgetFen');
    expect(fieldOf(() => publishNeed('n', { ...needInput, deadline: '2026-11-22' }, now))).toBe('deadline');
    expect(fieldOf(() => publishNeed('n', { ...needInput, keywords: ['  '] }, now))).toBe('keywords');
    expect(fieldOf(() => publishNeed('n', { ...needInput, acceptableModes: [] }, now))).toBe('acceptableModes');
    expect(fieldOf(() => publishNeed('n', { ...needInput, minTrl: 10 }, now))).toBe('minTrl');
  });

  it('closes once; fulfilled only with the contract that fulfilled it', () => {
    const published = publishNeed('n1', needInput, now);
    expect(fieldOf(() => closeNeed(published, { outcome: 'fulfilled' }, now))).toBe('contractId');
    const closed = closeNeed(published, { outcome: 'fulfilled', contractId: 'k1' }, now);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'fulfilled', contractId: 'k1' });
    expect(() => closeNeed(closed, { outcome: 'withdrawn' }, now)).toThrow(IllegalTransition);
  });
});

describe('match', () => {
  const explanation = explainMatch(
    { demandId: 'n1', field: 'new-energy', keywords: ['electrolyte'], minTrl: 7, acceptableModes: ['license'], region: 'CN-TJ' },
    { technologyId: 't1', field: 'new-energy', keywords: ['electrolyte'], trl: 8, transferModes: ['license'], region: 'CN-BJ' },
  );

  it('is decided once and becomes a contract only after acceptance', () => {
    const proposed = proposeMatch('m1', 'n1', 't1', explanation, now);
    expect(proposed).toMatchObject({ buyerRegion: 'CN-TJ', sellerRegion: 'CN-BJ', crossRegion: true, score: 100 });
    expect(() => markContracted(proposed, 'k1')).toThrow(IllegalTransition);
    const buyer = { party: 'buyer' as const, name: '天津某新能源公司' };
    const seller = { party: 'seller' as const, name: '北京某研究院' };
    const half = acceptMatch(proposed, buyer, now);
    expect(half.status).toBe('proposed');
    expect(() => markContracted(half, 'k1')).toThrow(IllegalTransition);
    expect(fieldOf(() => acceptMatch(half, buyer, now))).toBe('party');
    const accepted = acceptMatch(half, seller, now);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: seller, acceptances: { buyer: { name: buyer.name }, seller: { name: seller.name } } });
    expect(() => declineMatch(accepted, buyer, 'changed mind', now)).toThrow(IllegalTransition);
    expect(() => acceptMatch(accepted, buyer, now)).toThrow(IllegalTransition);
    // a decline by either side before both accepted ends it
    expect(declineMatch(half, seller, 'price too high', now)).toMatchObject({ status: 'declined', declinedBy: seller });
    expect(markContracted(accepted, 'k1')).toMatchObject({ status: 'contracted', contractId: 'k1' });
    expect(fieldOf(() => declineMatch(proposed, buyer, ' ', now))).toBe('reason');
    expect(regionOfParty(proposed, 'seller')).toBe('CN-BJ');
  });
});

describe('technology contract (技术合同)', () => {
  const registrar = { name: '天津技术市场', region: 'CN-TJ' };
  const input: ContractInput = {
    type: 'license',
    title: 'Licence of solid electrolyte patents',
    seller: { institutionId: 'inst-bj-1', name: '北京某研究院', kind: 'research-institute', region: 'CN-BJ' },
    technologyId: 't1',
    buyer: needInput.enterprise,
    valueFen: 300_000_000,
    manager: { id: 'tm-1', name: '张经理' },
    commissionRule: { kind: 'basis-points', basisPoints: 250 },
    landingParkId: 'park-tj-1',
  };

  it('computes the commission when drafted and runs drafted → signed → registered', () => {
    let c = draftContract('k1', input, now);
    expect(c).toMatchObject({ status: 'drafted', commissionFen: 7_500_000 });
    c = signContract(c, now);
    c = registerContract(c, { number: '2026120000001234', registrar, confirmedValueFen: 280_000_000 }, now);
    expect(c).toMatchObject({ status: 'registered', registration: { number: '2026120000001234', confirmedValueFen: 280_000_000 } });
    expect(() => signContract(c, now)).toThrow(IllegalTransition);
    expect(() => registerContract(c, { number: '2026120000001234', registrar, confirmedValueFen: 1 }, now)).toThrow(IllegalTransition);
    expect(terminateContract(c, 'breach', now).status).toBe('terminated');
  });

  it('refuses registration of a draft, a bad number, or a confirmed value above the contract value', () => {
    const drafted = draftContract('k1', input, now);
    expect(() => registerContract(drafted, { number: '2026120000001234', registrar, confirmedValueFen: 1 }, now)).toThrow(IllegalTransition);
    const signed = signContract(drafted, now);
    expect(fieldOf(() => registerContract(signed, { number: 'x', registrar, confirmedValueFen: 1 }, now))).toBe('registrationNumber');
    expect(fieldOf(() => registerContract(signed, { number: '2026120000001234', registrar, confirmedValueFen: 300_000_001 }, now))).toBe(
      'confirmedValueFen',
    );
  });

  it('terminates from drafted, signed or registered, never twice', () => {
    const terminated = terminateContract(signContract(draftContract('k1', input, now), now), 'buyer withdrew', now);
    expect(terminated.status).toBe('terminated');
    expect(() => terminateContract(terminated, 'again', now)).toThrow(IllegalTransition);
    expect(() => signContract(terminated, now)).toThrow(IllegalTransition);
  });

  it('refuses a zero value and a commission rule out of range', () => {
    expect(fieldOf(() => draftContract('k', { ...input, valueFen: 0 }, now))).toBe('valueFen');
    expect(fieldOf(() => draftContract('k', { ...input, commissionRule: { kind: 'basis-points', basisPoints: 20_000 } }, now))).toBe(
      'commissionRule.basisPoints',
    );
    expect(fieldOf(() => draftContract('k', { ...input, commissionRule: { kind: 'fixed', amountFen: 300_000_001 } }, now))).toBe('commissionRule');
    expect(draftContract('k', { ...input, commissionRule: { kind: 'basis-points', basisPoints: 0 } }, now).commissionFen).toBe(0);
  });
});
