import { eventCatalogue, type EventType } from '../src';

// Cross-field rules that JSON Schema cannot carry live in the zod schemas; each is checked here
// against the catalogue example with one field changed.
function issues(type: EventType, patch: Record<string, unknown>): string[] {
  const r = eventCatalogue[type].schema.safeParse({ ...(eventCatalogue[type].example as object), ...patch });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('cross-field rules', () => {
  it('stage must follow TRL', () => {
    expect(issues('corridor.supply.technology.published.v1', { trl: 8 })).toEqual([
      'stage: stage must be commercialization for trl 8',
    ]);
  });

  it('PoC and pilot results never lower the TRL, and a failure leaves it unchanged', () => {
    const poc = 'corridor.supply.technology.poc-completed.v1';
    expect(issues(poc, { trlBefore: 6, trlAfter: 5, stageAfter: 'development' })).toEqual([
      'trlAfter: trlAfter (5) must not be below trlBefore (6)',
    ]);
    expect(issues(poc, { passed: false })).toEqual([
      'trlAfter: a failed validation leaves the TRL unchanged',
    ]);
    expect(issues('corridor.supply.technology.pilot-completed.v1', { stageAfter: 'development' })).toEqual([
      'stageAfter: stage must be commercialization for trlAfter 7',
    ]);
  });

  it('crossRegion says whether seller and buyer regions differ', () => {
    expect(issues('corridor.demand.match.proposed.v1', { crossRegion: false })).toEqual([
      'crossRegion: crossRegion must be true for CN-BJ → CN-TJ',
    ]);
    expect(issues('corridor.demand.match.accepted.v1', { buyerRegion: 'CN-BJ', crossRegion: false })).toEqual(
      [],
    );
  });

  it('scores are within 0..1', () => {
    expect(issues('corridor.demand.match.proposed.v1', { score: 1.2 })).toEqual([
      'score: Too big: expected number to be <=1',
    ]);
  });

  it('a landing application names its contract', () => {
    expect(issues('corridor.park.application.submitted.v1', { contractId: undefined })).toEqual([
      'contractId: a landing application names the signed contract',
    ]);
    expect(issues('corridor.park.application.submit-requested.v1', { kind: 'landing' })).toEqual([
      'contractId: a landing application names the signed contract',
    ]);
  });

  it('fund size covers the government commitment and a sub-fund names its mother fund', () => {
    const t = 'corridor.fund.fund.established.v1';
    expect(issues(t, { totalSizeFen: 1 })).toEqual([
      'totalSizeFen: total size must be at least the government commitment',
    ]);
    expect(issues(t, { kind: 'sub', parentFundId: undefined })).toEqual([
      'parentFundId: a sub-fund names its mother fund',
    ]);
  });

  it('disbursements stay within the commitment', () => {
    expect(issues('corridor.fund.investment.disbursed.v1', { disbursedTotalFen: 500_000_001 })).toEqual([
      'disbursedTotalFen: disbursements must not exceed the commitment',
    ]);
  });

  it('losses stay within the principal and compensation within the pool share of the loss', () => {
    expect(issues('corridor.fund.loan.defaulted.v1', { lossFen: 300_000_001 })).toEqual([
      'lossFen: loss must not exceed the principal',
    ]);
    expect(issues('corridor.fund.loan.compensated.v1', { compensationFen: 60_000_001 })).toEqual([
      'compensationFen: compensation must not exceed 60000000 fen (share of the loss)',
    ]);
  });

  it('equity stakes are basis points up to 100%', () => {
    const t = 'corridor.fund.investment.converted.v1';
    const conversion = (eventCatalogue[t].example as { conversion: object }).conversion;
    expect(issues(t, { conversion: { ...conversion, equityBasisPoints: 10_001 } })).toEqual([
      'conversion.equityBasisPoints: Too big: expected number to be <=10000',
    ]);
  });
});
