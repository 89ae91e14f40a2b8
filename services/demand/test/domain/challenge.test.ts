import {
  DomainRuleViolation,
  IllegalTransition,
  awardChallenge,
  cancelChallenge,
  fundedTeams,
  postChallenge,
  reviewStage,
  startRace,
  submitBid,
  type Challenge,
  type ChallengeInput,
} from '../../src/domain';

const now = new Date('2026-11-23T10:00:00Z');
const base: ChallengeInput = {
  leadEnterprise: { name: '天津某汽车集团', creditCode: '91120000MA05XXXXXX', region: 'CN-TJ' },
  title: '固态电池量产工艺',
  field: 'new-energy',
  problem: 'yield',
  keywords: ['Battery'],
  bountyFen: 10_000_000_00,
  raceSize: 3,
  stages: [
    { stage: 1, name: '方案评审', reviewDate: '2027-01-15', fundingPerTeamFen: 500_000_00 },
    { stage: 2, name: '样机评审', reviewDate: '2027-04-15', fundingPerTeamFen: 1_000_000_00 },
  ],
  bidDeadline: '2026-12-31',
};

const team = (i: number) => ({
  teamId: `team-${i}`,
  name: `Team ${i}`,
  leadInstitution: { institutionId: `inst-${i}`, name: `Institute ${i}`, kind: 'university' },
  region: i === 1 ? 'CN-BJ' : 'CN-SH',
});

function withBids(n: number, input: ChallengeInput = base): Challenge {
  let c = postChallenge('c1', input, now);
  for (let i = 1; i <= n; i++) {
    c = submitBid(c, { bidId: `b${i}`, team: team(i), proposal: 'plan', requestedFen: 5_000_000_00 }, now);
  }
  return c;
}

function ruleOf(fn: () => unknown): DomainRuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a DomainRuleViolation');
}

describe('open challenge (揭榜挂帅) with a horse race (赛马)', () => {
  it('runs the happy path: bids, race of three, two staged reviews with funding, award', () => {
    let c = withBids(4);
    c = startRace(c, ['b1', 'b2', 'b3']);
    expect(c.status).toBe('racing');
    expect(c.bids.map((b) => [b.status, b.fundedFen])).toEqual([
      ['racing', 500_000_00],
      ['racing', 500_000_00],
      ['racing', 500_000_00],
      ['not-selected', 0],
    ]);
    c = reviewStage(c, { b1: 'advance', b2: 'advance', b3: 'eliminate' }, now);
    expect(c.bids.map((b) => b.fundedFen)).toEqual([1_500_000_00, 1_500_000_00, 500_000_00, 0]);
    c = reviewStage(c, { b1: 'advance', b2: 'advance' }, now);
    c = awardChallenge(c, 'b1', now);
    expect(c.status).toBe('awarded');
    expect(c.awardedBidId).toBe('b1');
    expect(c.bids.map((b) => [b.status, b.eliminatedAtStage])).toEqual([
      ['awarded', undefined],
      ['eliminated', 2],
      ['eliminated', 1],
      ['not-selected', undefined],
    ]);
    expect(c.stageReviews).toEqual([
      { stage: 1, reviewedAt: now.toISOString(), advancingBidIds: ['b1', 'b2'] },
      { stage: 2, reviewedAt: now.toISOString(), advancingBidIds: ['b1', 'b2'] },
    ]);
    expect(fundedTeams(c).map((b) => b.bidId)).toEqual(['b1', 'b2', 'b3']);
  });

  it('funds between 2 teams and the race size, all of them real bids', () => {
    expect(ruleOf(() => startRace(withBids(4), ['b1'])).code).toBe('race-size');
    expect(ruleOf(() => startRace(withBids(4), ['b1', 'b2', 'b3', 'b4'])).code).toBe('race-size');
    expect(ruleOf(() => startRace(withBids(4, { ...base, raceSize: 2 }), ['b1', 'b2', 'b3'])).code).toBe('race-size');
    expect(ruleOf(() => startRace(withBids(2), ['b1', 'zz'])).field).toBe('bidIds.1');
  });

  it('refuses bids after the race started, after the deadline, from a team twice, above the bounty', () => {
    const racing = startRace(withBids(2), ['b1', 'b2']);
    const late = { bidId: 'b9', team: team(9), proposal: 'p', requestedFen: 1 };
    expect(() => submitBid(racing, late, now)).toThrow(IllegalTransition);
    expect(ruleOf(() => submitBid(withBids(1), late, new Date('2027-01-01'))).code).toBe('bidding-closed');
    expect(ruleOf(() => submitBid(withBids(1), { ...late, team: { ...team(9), name: ' team 1 ' } }, now)).code).toBe('duplicate-team');
    expect(ruleOf(() => submitBid(withBids(1), { ...late, requestedFen: 10_000_000_01 }, now)).field).toBe('requestedFen');
  });

  it('requires every racing team to be judged and one to survive each review', () => {
    const racing = startRace(withBids(3), ['b1', 'b2']);
    expect(ruleOf(() => reviewStage(racing, { b1: 'advance' }, now)).field).toBe('decisions.b2');
    expect(ruleOf(() => reviewStage(racing, { b1: 'advance', b2: 'advance', b3: 'advance' }, now)).code).toBe('not-racing');
    expect(ruleOf(() => reviewStage(racing, { b1: 'eliminate', b2: 'eliminate' }, now)).code).toBe('no-survivor');
  });

  it('awards only after all review stages and only a team still racing', () => {
    let c = startRace(withBids(3), ['b1', 'b2']);
    expect(ruleOf(() => awardChallenge(c, 'b1', now)).code).toBe('reviews-pending');
    c = reviewStage(c, { b1: 'advance', b2: 'eliminate' }, now);
    c = reviewStage(c, { b1: 'advance' }, now);
    expect(ruleOf(() => reviewStage(c, { b1: 'advance' }, now)).code).toBe('reviews-complete');
    expect(() => awardChallenge(c, 'b2', now)).toThrow(IllegalTransition);
    expect(() => awardChallenge(c, 'b3', now)).toThrow(IllegalTransition);
    expect(ruleOf(() => awardChallenge(c, 'nope', now)).code).toBe('unknown-bid');
    const awarded = awardChallenge(c, 'b1', now);
    expect(() => awardChallenge(awarded, 'b1', now)).toThrow(IllegalTransition);
    expect(() => cancelChallenge(awarded, 'too late')).toThrow(IllegalTransition);
    expect(() => reviewStage(awarded, {}, now)).toThrow(IllegalTransition);
    expect(() => startRace(awarded, ['b1', 'b2'])).toThrow(IllegalTransition);
  });

  it('refuses a challenge without bounty, with a race of one, or with stages out of order', () => {
    expect(ruleOf(() => postChallenge('x', { ...base, bountyFen: 0 }, now)).field).toBe('bountyFen');
    expect(ruleOf(() => postChallenge('x', { ...base, raceSize: 1 }, now)).field).toBe('raceSize');
    expect(ruleOf(() => postChallenge('x', { ...base, bidDeadline: '2026-11-22' }, now)).field).toBe('bidDeadline');
    expect(ruleOf(() => postChallenge('x', { ...base, stages: [] }, now)).field).toBe('stages');
    expect(ruleOf(() => postChallenge('x', { ...base, stages: [base.stages[1]!, base.stages[0]!] }, now)).field).toBe('stages.0.stage');
    const early = [{ ...base.stages[0]!, reviewDate: '2026-12-01' }, base.stages[1]!];
    expect(ruleOf(() => postChallenge('x', { ...base, stages: early }, now)).field).toBe('stages.0.reviewDate');
    const backwards = [base.stages[0]!, { ...base.stages[1]!, reviewDate: '2027-01-01' }];
    expect(ruleOf(() => postChallenge('x', { ...base, stages: backwards }, now)).field).toBe('stages.1.reviewDate');
  });

  it('can be cancelled while open or racing', () => {
    expect(cancelChallenge(withBids(1), 'no budget').status).toBe('cancelled');
    expect(cancelChallenge(startRace(withBids(2), ['b1', 'b2']), 'no budget').status).toBe('cancelled');
  });
});
