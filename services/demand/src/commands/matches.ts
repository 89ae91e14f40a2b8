import { AggregateNotFoundError, type Aggregate } from '@corridor/service-kit';
import { acceptMatch, declineMatch, regionOfParty, type Match, type PartyRef } from '../domain';
import { emit, type DemandDeps, type Meta } from './deps';
import { matchEventData } from './matching';

export async function decideMatch(
  deps: DemandDeps,
  matchId: string,
  decision: { accept: true; by: PartyRef } | { accept: false; by: PartyRef; reason: string },
  meta: Meta,
  authorize: (region: string) => void,
): Promise<Aggregate<Match>> {
  await deps.stores.matches.mutate(
    matchId,
    (current) => {
      if (!current) throw new AggregateNotFoundError('matches', matchId);
      // A party decides for itself: the buyer's agency for the buyer, the seller's for the seller.
      authorize(regionOfParty(current, decision.by.party));
      const now = deps.now();
      if (decision.accept) {
        const next = acceptMatch(current, decision.by, now);
        // match.accepted means "both parties accepted": the first consent is state only.
        if (next.status !== 'accepted') return { next, events: [] };
        const data = { ...matchEventData(next), acceptedBy: decision.by, acceptedAt: next.decidedAt };
        return { next, events: [emit('corridor.demand.match.accepted.v1', next.buyerRegion, data)] };
      }
      const next = declineMatch(current, decision.by, decision.reason, now);
      const data = { ...matchEventData(next), declinedBy: decision.by, reason: decision.reason, declinedAt: next.decidedAt };
      return { next, events: [emit('corridor.demand.match.declined.v1', next.buyerRegion, data)] };
    },
    { causationEventId: meta.causationEventId },
  );
  return (await deps.stores.matches.get(matchId))!;
}
