import { DomainRuleViolation, IllegalTransition } from './errors';
import type { MatchExplanation } from './matching';
import { defineStateMachine } from './state-machine';

export type MatchStatus = 'proposed' | 'accepted' | 'declined' | 'contracted';

export const matchMachine = defineStateMachine<MatchStatus, 'accept' | 'decline' | 'contract'>('match', {
  accept: { from: ['proposed'], to: 'accepted' },
  decline: { from: ['proposed'], to: 'declined' },
  contract: { from: ['accepted'], to: 'contracted' },
});

export interface PartyRef {
  party: 'buyer' | 'seller';
  name: string;
}

export interface Match {
  matchId: string;
  demandId: string;
  technologyId: string;
  /** The need's enterprise. */
  buyerRegion: string;
  /** Where the technology is held. */
  sellerRegion: string;
  crossRegion: boolean;
  score: number;
  explanation: MatchExplanation;
  status: MatchStatus;
  proposedAt: string;
  decidedAt?: string;
  /** Each side's consent; the match is accepted once both have given it. */
  acceptances?: Partial<Record<PartyRef['party'], { name: string; at: string }>>;
  acceptedBy?: PartyRef;
  declinedBy?: PartyRef;
  declineReason?: string;
  contractId?: string;
}

export function proposeMatch(
  matchId: string,
  demandId: string,
  technologyId: string,
  explanation: MatchExplanation,
  now: Date,
): Match {
  return {
    matchId,
    demandId,
    technologyId,
    buyerRegion: explanation.region.need,
    sellerRegion: explanation.region.technology,
    crossRegion: explanation.region.crossRegion,
    score: explanation.score,
    explanation,
    status: 'proposed',
    proposedAt: now.toISOString(),
  };
}

/**
 * A technology changes hands only if both sides want it: the buyer's and the seller's acceptance
 * are recorded separately, and the match becomes accepted with the second one (`acceptedBy` is
 * that party). The first acceptance leaves the match proposed.
 */
export function acceptMatch(match: Match, by: PartyRef, now: Date): Match {
  if (!matchMachine.can(match.status, 'accept')) throw new IllegalTransition('match', match.status, 'accept');
  if (match.acceptances?.[by.party]) {
    throw new DomainRuleViolation('already-accepted', `the ${by.party} has already accepted this match`, 'party');
  }
  const acceptances = { ...match.acceptances, [by.party]: { name: by.name, at: now.toISOString() } };
  if (!acceptances.buyer || !acceptances.seller) return { ...match, acceptances };
  return { ...match, acceptances, status: matchMachine.next(match.status, 'accept'), decidedAt: now.toISOString(), acceptedBy: by };
}

export function declineMatch(match: Match, by: PartyRef, reason: string, now: Date): Match {
  const status = matchMachine.next(match.status, 'decline');
  if (!reason.trim()) throw new DomainRuleViolation('no-reason', 'a decline needs a reason', 'reason');
  return { ...match, status, decidedAt: now.toISOString(), declinedBy: by, declineReason: reason };
}

/** Once accepted, a match turns into exactly one contract. */
export function markContracted(match: Match, contractId: string): Match {
  return { ...match, status: matchMachine.next(match.status, 'contract'), contractId };
}

/** The region a party acts for on this match. */
export function regionOfParty(match: Pick<Match, 'buyerRegion' | 'sellerRegion'>, party: PartyRef['party']): string {
  return party === 'buyer' ? match.buyerRegion : match.sellerRegion;
}
