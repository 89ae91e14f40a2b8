import { DuplicateAggregateError, HIDE_STORE_FIELDS, type Aggregate } from '@corridor/service-kit';
import {
  isMatchable,
  normaliseKeywords,
  proposeMatch,
  rankNeedsForTechnology,
  rankTechnologiesForNeed,
  scoreFraction,
  weightedFactors,
  type CatalogueEntry,
  type Match,
  type MatchExplanation,
  type Need,
  type TechnologyAttributes,
} from '../domain';
import { emit, pairId, regionClusterOf, type DemandDeps, type Meta } from './deps';

// Candidates are pre-selected in MongoDB by field or a shared keyword, then scored in memory.
const CANDIDATE_SCAN_LIMIT = 500;
const HIDE_INTERNALS = { projection: HIDE_STORE_FIELDS };

export const matchIdFor = (demandId: string, technologyId: string) => pairId('mt', demandId, technologyId);

export function matchEventData(match: Match) {
  return {
    matchId: match.matchId,
    demandId: match.demandId,
    technologyId: match.technologyId,
    sellerRegion: match.sellerRegion,
    buyerRegion: match.buyerRegion,
    crossRegion: match.crossRegion,
  };
}

async function propose(deps: DemandDeps, demandId: string, technologyId: string, explanation: MatchExplanation, meta: Meta): Promise<boolean> {
  const matchId = matchIdFor(demandId, technologyId);
  const match = proposeMatch(matchId, demandId, technologyId, explanation, deps.now());
  const event = emit(
    'corridor.demand.match.proposed.v1',
    match.buyerRegion,
    { ...matchEventData(match), score: scoreFraction(explanation), explanation: weightedFactors(explanation), proposedAt: match.proposedAt },
  );
  try {
    const result = await deps.stores.matches.insert({ ...match, _id: matchId }, [event], { causationEventId: meta.causationEventId });
    return result.applied;
  } catch (err) {
    // Proposed before (from the other side, or by an earlier event): one pair, one match.
    if (err instanceof DuplicateAggregateError) return false;
    throw err;
  }
}

function needProfile(need: Need) {
  return {
    demandId: need.demandId,
    field: need.field,
    keywords: need.keywords,
    minTrl: need.minTrl,
    acceptableModes: need.acceptableModes,
    region: need.region,
  };
}

/** A need was published: propose the best matching technologies of the catalogue. */
export async function proposeForDemand(deps: DemandDeps, need: Need, meta: Meta): Promise<number> {
  if (need.status !== 'published') return 0;
  const entries = (await deps.stores.catalogue.collection
    .find({ status: 'published', $or: [{ field: need.field }, { keywords: { $in: need.keywords } }] } as never, HIDE_INTERNALS)
    .limit(CANDIDATE_SCAN_LIMIT)
    .toArray()) as unknown as Aggregate<CatalogueEntry>[];
  const technologies = entries.filter((e): e is typeof e & TechnologyAttributes => isMatchable(e));
  const ranked = rankTechnologiesForNeed(needProfile(need), technologies, { ...deps.matching, clusterOf: regionClusterOf });
  let proposed = 0;
  for (const r of ranked) if (await propose(deps, need.demandId, r.candidate.technologyId, r.explanation, meta)) proposed++;
  return proposed;
}

/** A technology arrived or changed: propose it to the open needs it fits best. */
export async function proposeForTechnology(deps: DemandDeps, entry: CatalogueEntry, meta: Meta): Promise<number> {
  if (!isMatchable(entry)) return 0;
  const keywords = normaliseKeywords(entry.keywords);
  const needs = (await deps.stores.demands.collection
    .find({ status: 'published', $or: [{ field: entry.field }, { keywords: { $in: keywords } }] } as never, HIDE_INTERNALS)
    .limit(CANDIDATE_SCAN_LIMIT)
    .toArray()) as unknown as Aggregate<Need>[];
  const ranked = rankNeedsForTechnology(
    { ...entry, keywords },
    needs.map(needProfile),
    { ...deps.matching, clusterOf: regionClusterOf },
  );
  let proposed = 0;
  for (const r of ranked) if (await propose(deps, r.candidate.demandId, entry.technologyId, r.explanation, meta)) proposed++;
  return proposed;
}

