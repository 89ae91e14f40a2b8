import { DomainRuleViolation } from './errors';
import { assertFen } from './money';
import type { Enterprise } from './need';
import { normaliseKeywords } from './need';
import { defineStateMachine } from './state-machine';

/**
 * 揭榜挂帅 with 赛马: a lead enterprise posts a challenge and a bounty, teams bid, 2–3 bids are
 * funded to race in parallel through staged reviews (each review advances or eliminates every
 * racing team, and the teams that advance receive the next stage's funding), and after the last
 * review one racing team is awarded the bounty.
 */
export type ChallengeStatus = 'open' | 'racing' | 'awarded' | 'cancelled';
export type ChallengeAction = 'submit-bid' | 'start-race' | 'review' | 'award' | 'cancel';

export const challengeMachine = defineStateMachine<ChallengeStatus, ChallengeAction>('challenge', {
  'submit-bid': { from: ['open'], to: 'open' },
  'start-race': { from: ['open'], to: 'racing' },
  review: { from: ['racing'], to: 'racing' },
  award: { from: ['racing'], to: 'awarded' },
  cancel: { from: ['open', 'racing'], to: 'cancelled' },
});

export type BidStatus = 'submitted' | 'racing' | 'not-selected' | 'eliminated' | 'awarded';
export const bidMachine = defineStateMachine<BidStatus, 'select' | 'pass-over' | 'advance' | 'eliminate' | 'award'>(
  'bid',
  {
    select: { from: ['submitted'], to: 'racing' },
    'pass-over': { from: ['submitted'], to: 'not-selected' },
    advance: { from: ['racing'], to: 'racing' },
    eliminate: { from: ['racing'], to: 'eliminated' },
    award: { from: ['racing'], to: 'awarded' },
  },
);

/** DESIGN §3: a horse race funds 2–3 teams in parallel. */
export const MIN_RACE_SIZE = 2;
export const MAX_RACE_SIZE = 3;

export interface Team {
  teamId: string;
  name: string;
  leadInstitution: { institutionId: string; name: string; kind: string };
  region: string;
}

export interface Bid {
  bidId: string;
  team: Team;
  technologyId?: string;
  proposal: string;
  requestedFen: number;
  status: BidStatus;
  submittedAt: string;
  /** Race funding received so far: the stage funding of every stage the team entered. */
  fundedFen: number;
  eliminatedAtStage?: number;
}

export interface Stage {
  stage: number;
  name: string;
  reviewDate: string;
  fundingPerTeamFen: number;
}

export interface StageReview {
  stage: number;
  reviewedAt: string;
  advancingBidIds: string[];
}

export interface ChallengeInput {
  leadEnterprise: Enterprise;
  title: string;
  field: string;
  problem: string;
  keywords: string[];
  bountyFen: number;
  raceSize: number;
  stages: Stage[];
  /** ISO date after which no bid is taken. */
  bidDeadline: string;
}

export interface Challenge extends ChallengeInput {
  challengeId: string;
  region: string;
  status: ChallengeStatus;
  bids: Bid[];
  stageReviews: StageReview[];
  postedAt: string;
  awardedBidId?: string;
  awardedAt?: string;
  cancelReason?: string;
}

const endOfDay = (isoDate: string) => Date.parse(`${isoDate}T23:59:59.999Z`);

export function postChallenge(challengeId: string, input: ChallengeInput, now: Date): Challenge {
  assertFen(input.bountyFen, 'bountyFen');
  if (input.bountyFen === 0) throw new DomainRuleViolation('no-bounty', 'a challenge needs a bounty', 'bountyFen');
  if (!Number.isInteger(input.raceSize) || input.raceSize < MIN_RACE_SIZE || input.raceSize > MAX_RACE_SIZE) {
    throw new DomainRuleViolation('race-size', `a horse race funds ${MIN_RACE_SIZE} to ${MAX_RACE_SIZE} teams`, 'raceSize');
  }
  if (endOfDay(input.bidDeadline) < now.getTime()) {
    throw new DomainRuleViolation('deadline-passed', 'bidDeadline must not be in the past', 'bidDeadline');
  }
  if (input.stages.length === 0) throw new DomainRuleViolation('no-stages', 'a race needs at least one review stage', 'stages');
  input.stages.forEach((stage, i) => {
    if (stage.stage !== i + 1) {
      throw new DomainRuleViolation('stage-order', `stages must be numbered 1..${input.stages.length} in order`, `stages.${i}.stage`);
    }
    assertFen(stage.fundingPerTeamFen, `stages.${i}.fundingPerTeamFen`);
    const previous = i === 0 ? input.bidDeadline : input.stages[i - 1]!.reviewDate;
    if (stage.reviewDate <= previous) {
      throw new DomainRuleViolation(
        'stage-dates',
        i === 0 ? 'the first review must come after the bid deadline' : 'review dates must increase stage by stage',
        `stages.${i}.reviewDate`,
      );
    }
  });
  return {
    ...input,
    keywords: normaliseKeywords(input.keywords),
    challengeId,
    region: input.leadEnterprise.region,
    status: 'open',
    bids: [],
    stageReviews: [],
    postedAt: now.toISOString(),
  };
}

const teamKey = (name: string) => name.normalize('NFKC').trim().toLowerCase();

export function submitBid(
  challenge: Challenge,
  input: { bidId: string; team: Team; technologyId?: string; proposal: string; requestedFen: number },
  now: Date,
): Challenge {
  const status = challengeMachine.next(challenge.status, 'submit-bid');
  if (endOfDay(challenge.bidDeadline) < now.getTime()) {
    throw new DomainRuleViolation('bidding-closed', 'the bid deadline has passed', 'bidDeadline');
  }
  assertFen(input.requestedFen, 'requestedFen');
  if (input.requestedFen > challenge.bountyFen) {
    throw new DomainRuleViolation('request-exceeds-bounty', 'requestedFen must not exceed the bounty', 'requestedFen');
  }
  if (challenge.bids.some((b) => b.bidId === input.bidId)) {
    throw new DomainRuleViolation('duplicate-bid', `bid '${input.bidId}' exists already`, 'bidId');
  }
  if (challenge.bids.some((b) => b.team.teamId === input.team.teamId || teamKey(b.team.name) === teamKey(input.team.name))) {
    throw new DomainRuleViolation('duplicate-team', `team '${input.team.name}' has already bid`, 'team');
  }
  const bid: Bid = { ...input, status: 'submitted', submittedAt: now.toISOString(), fundedFen: 0 };
  return { ...challenge, status, bids: [...challenge.bids, bid] };
}

/** Selects the racing bids and pays them the first stage's funding; every other bid is passed over. */
export function startRace(challenge: Challenge, bidIds: string[]): Challenge {
  const status = challengeMachine.next(challenge.status, 'start-race');
  const chosen = [...new Set(bidIds)];
  if (chosen.length < MIN_RACE_SIZE || chosen.length > challenge.raceSize) {
    throw new DomainRuleViolation(
      'race-size',
      `this race funds ${MIN_RACE_SIZE} to ${challenge.raceSize} teams, not ${chosen.length}`,
      'bidIds',
    );
  }
  chosen.forEach((bidId, i) => {
    if (!challenge.bids.some((b) => b.bidId === bidId)) {
      throw new DomainRuleViolation('unknown-bid', `no bid '${bidId}' on this challenge`, `bidIds.${i}`);
    }
  });
  const firstFunding = challenge.stages[0]!.fundingPerTeamFen;
  const bids = challenge.bids.map((b) =>
    chosen.includes(b.bidId)
      ? { ...b, status: bidMachine.next(b.status, 'select'), fundedFen: b.fundedFen + firstFunding }
      : { ...b, status: bidMachine.next(b.status, 'pass-over') },
  );
  return { ...challenge, status, bids };
}

/** The next staged review: every racing team must be judged, and at least one must go on. */
export function reviewStage(
  challenge: Challenge,
  decisions: Record<string, 'advance' | 'eliminate'>,
  now: Date,
): Challenge {
  const status = challengeMachine.next(challenge.status, 'review');
  const stage = challenge.stageReviews.length + 1;
  if (stage > challenge.stages.length) {
    throw new DomainRuleViolation('reviews-complete', `all ${challenge.stages.length} review stages are done`, 'decisions');
  }
  const racing = challenge.bids.filter((b) => b.status === 'racing').map((b) => b.bidId);
  for (const bidId of Object.keys(decisions)) {
    if (!racing.includes(bidId)) {
      throw new DomainRuleViolation('not-racing', `bid '${bidId}' is not in the race`, `decisions.${bidId}`);
    }
  }
  const missing = racing.find((id) => decisions[id] === undefined);
  if (missing) {
    throw new DomainRuleViolation('undecided', `racing bid '${missing}' has no decision`, `decisions.${missing}`);
  }
  const advancing = racing.filter((id) => decisions[id] === 'advance');
  if (advancing.length === 0) {
    throw new DomainRuleViolation('no-survivor', 'a review must advance at least one team', 'decisions');
  }
  const nextFunding = challenge.stages[stage]?.fundingPerTeamFen ?? 0;
  const bids = challenge.bids.map((b) => {
    const decision = decisions[b.bidId];
    if (decision === 'advance') return { ...b, status: bidMachine.next(b.status, 'advance'), fundedFen: b.fundedFen + nextFunding };
    if (decision === 'eliminate') return { ...b, status: bidMachine.next(b.status, 'eliminate'), eliminatedAtStage: stage };
    return b;
  });
  return {
    ...challenge,
    status,
    bids,
    stageReviews: [...challenge.stageReviews, { stage, reviewedAt: now.toISOString(), advancingBidIds: advancing }],
  };
}

export function awardChallenge(challenge: Challenge, bidId: string, now: Date): Challenge {
  const status = challengeMachine.next(challenge.status, 'award');
  const pending = challenge.stages.length - challenge.stageReviews.length;
  if (pending > 0) {
    throw new DomainRuleViolation('reviews-pending', `${pending} review stage(s) still to run before the award`, 'bidId');
  }
  const bid = challenge.bids.find((b) => b.bidId === bidId);
  if (!bid) throw new DomainRuleViolation('unknown-bid', `no bid '${bidId}' on this challenge`, 'bidId');
  const awarded = { ...bid, status: bidMachine.next(bid.status, 'award') };
  // Finalists who reached the award but lost it are out at the last stage.
  const lastStage = challenge.stages.length;
  const bids = challenge.bids.map((b) =>
    b.bidId === bidId
      ? awarded
      : b.status === 'racing'
        ? { ...b, status: bidMachine.next(b.status, 'eliminate'), eliminatedAtStage: lastStage }
        : b,
  );
  return { ...challenge, status, awardedBidId: bidId, awardedAt: now.toISOString(), bids };
}

export function cancelChallenge(challenge: Challenge, reason: string): Challenge {
  return { ...challenge, status: challengeMachine.next(challenge.status, 'cancel'), cancelReason: reason };
}

/** The teams that were funded to race, winner included, for the award record. */
export function fundedTeams(challenge: Challenge): Bid[] {
  return challenge.bids.filter((b) => b.status === 'racing' || b.status === 'eliminated' || b.status === 'awarded');
}
