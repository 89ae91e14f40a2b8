import { AggregateNotFoundError, type Aggregate } from '@corridor/service-kit';
import {
  awardChallenge,
  cancelChallenge,
  fundedTeams,
  postChallenge,
  reviewStage,
  startRace,
  submitBid,
  type Challenge,
  type ChallengeInput,
  type Team,
} from '../domain';
import { emit, newId, type DemandDeps, type Meta } from './deps';
import type { CorridorEvent } from '@corridor/contracts';

type Authorize = (region: string) => void;

export async function postNewChallenge(
  deps: DemandDeps,
  input: ChallengeInput & { challengeId?: string },
  meta: Meta,
  authorize: Authorize,
): Promise<Aggregate<Challenge>> {
  const { challengeId: requestedId, ...fields } = input;
  authorize(fields.leadEnterprise.region);
  const challengeId = requestedId ?? newId('chl', meta);
  const challenge = postChallenge(challengeId, fields, deps.now());
  const event = emit('corridor.demand.challenge.posted.v1', challenge.region, challenge);
  await deps.stores.challenges.insert({ ...challenge, _id: challengeId }, [event], { causationEventId: meta.causationEventId });
  return (await deps.stores.challenges.get(challengeId))!;
}

/**
 * Read-decide-write on one challenge. Only bids and the award are public events; the race start,
 * reviews and cancellation are recorded on the challenge and summarised in the award.
 */
async function change(
  deps: DemandDeps,
  challengeId: string,
  meta: Meta,
  authorizeRegion: (challenge: Challenge) => void,
  decide: (challenge: Challenge) => { next: Challenge; events: CorridorEvent[] },
): Promise<Aggregate<Challenge>> {
  await deps.stores.challenges.mutate(
    challengeId,
    (current) => {
      if (!current) throw new AggregateNotFoundError('challenges', challengeId);
      authorizeRegion(current);
      return decide(current);
    },
    { causationEventId: meta.causationEventId },
  );
  return (await deps.stores.challenges.get(challengeId))!;
}

export function bid(
  deps: DemandDeps,
  challengeId: string,
  input: { bidId?: string; team: Team; technologyId?: string; proposal: string; requestedFen: number },
  meta: Meta,
  authorize: Authorize,
): Promise<Aggregate<Challenge>> {
  const bidId = input.bidId ?? newId('bid', meta);
  return change(
    deps,
    challengeId,
    meta,
    // The bidding team's agency submits for its team's region: teams come from anywhere.
    () => authorize(input.team.region),
    (current) => {
      const next = submitBid(current, { ...input, bidId }, deps.now());
      const submitted = next.bids.find((b) => b.bidId === bidId)!;
      return {
        next,
        events: [emit('corridor.demand.challenge.bid-submitted.v1', next.region, { ...submitted, challengeId, region: next.region })],
      };
    },
  );
}

export function race(deps: DemandDeps, challengeId: string, bidIds: string[], meta: Meta, authorize: Authorize) {
  return change(deps, challengeId, meta, (c) => authorize(c.region), (current) => ({ next: startRace(current, bidIds), events: [] }));
}

export function review(
  deps: DemandDeps,
  challengeId: string,
  decisions: Record<string, 'advance' | 'eliminate'>,
  meta: Meta,
  authorize: Authorize,
) {
  return change(deps, challengeId, meta, (c) => authorize(c.region), (current) => ({
    next: reviewStage(current, decisions, deps.now()),
    events: [],
  }));
}

export function award(deps: DemandDeps, challengeId: string, bidId: string, meta: Meta, authorize: Authorize) {
  return change(deps, challengeId, meta, (c) => authorize(c.region), (current) => {
    const next = awardChallenge(current, bidId, deps.now());
    const winner = next.bids.find((b) => b.bidId === bidId)!;
    const data = {
      challengeId,
      region: next.region,
      winningBidId: bidId,
      winningTeam: winner.team,
      bountyFen: next.bountyFen,
      fundedTeams: fundedTeams(next).map((b) => ({
        bidId: b.bidId,
        teamId: b.team.teamId,
        region: b.team.region,
        fundedFen: b.fundedFen,
        ...(b.eliminatedAtStage !== undefined ? { eliminatedAtStage: b.eliminatedAtStage } : {}),
      })),
      stageReviews: next.stageReviews,
      awardedAt: next.awardedAt,
    };
    return { next, events: [emit('corridor.demand.challenge.awarded.v1', next.region, data)] };
  });
}

export function cancel(deps: DemandDeps, challengeId: string, reason: string, meta: Meta, authorize: Authorize) {
  return change(deps, challengeId, meta, (c) => authorize(c.region), (current) => ({ next: cancelChallenge(current, reason), events: [] }));
}
