import type { TransferMode } from './need';
import { normaliseKeywords } from './need';
import type { TechnologyAttributes } from './technology';

/**
 * Explainable matching: the score is a sum of integer points per factor, and every factor says
 * in words why it earned what it did, so an enterprise (or a technology manager) can see why a
 * technology was proposed. Region never changes the score and never filters: bringing a Beijing
 * result to a Tianjin enterprise is the point of the platform, so region only annotates.
 */
export const WEIGHTS = { field: 35, keywords: 30, trl: 20, mode: 15 } as const;
/** Points lost per TRL level below what the enterprise asked for. */
export const TRL_PENALTY_PER_LEVEL = 5;
/** Below this a pairing is noise: with a matching field it needs some keyword or mode overlap on top. */
export const DEFAULT_PROPOSAL_THRESHOLD = 50;

export interface NeedProfile {
  demandId: string;
  field: string;
  keywords: string[];
  minTrl: number;
  acceptableModes: TransferMode[];
  region: string;
}

export type TechnologyProfile = Pick<TechnologyAttributes, 'field' | 'keywords' | 'trl' | 'transferModes' | 'region'> & {
  technologyId: string;
};

export interface ScoreFactor {
  factor: keyof typeof WEIGHTS;
  points: number;
  max: number;
  reason: string;
}

export interface MatchExplanation {
  score: number;
  factors: ScoreFactor[];
  commonKeywords: string[];
  compatibleModes: TransferMode[];
  region: { need: string; technology: string; crossRegion: boolean; sameCluster: boolean; note: string };
}

export type ClusterOf = (region: string) => string | undefined;

export function explainMatch(need: NeedProfile, tech: TechnologyProfile, clusterOf: ClusterOf = () => undefined): MatchExplanation {
  const factors: ScoreFactor[] = [];

  const sameField = need.field === tech.field;
  factors.push({
    factor: 'field',
    points: sameField ? WEIGHTS.field : 0,
    max: WEIGHTS.field,
    reason: sameField ? `both are in ${need.field}` : `need is in ${need.field}, technology in ${tech.field}`,
  });

  const wanted = normaliseKeywords(need.keywords);
  const offered = new Set(normaliseKeywords(tech.keywords));
  const commonKeywords = wanted.filter((k) => offered.has(k));
  const keywordPoints = wanted.length === 0 ? 0 : Math.round((WEIGHTS.keywords * commonKeywords.length) / wanted.length);
  factors.push({
    factor: 'keywords',
    points: keywordPoints,
    max: WEIGHTS.keywords,
    reason:
      commonKeywords.length > 0
        ? `${commonKeywords.length} of ${wanted.length} keywords in common: ${commonKeywords.join(', ')}`
        : `none of the ${wanted.length} keywords in common`,
  });

  const gap = need.minTrl - tech.trl;
  factors.push({
    factor: 'trl',
    points: gap <= 0 ? WEIGHTS.trl : Math.max(0, WEIGHTS.trl - TRL_PENALTY_PER_LEVEL * gap),
    max: WEIGHTS.trl,
    reason:
      gap <= 0
        ? `TRL ${tech.trl} meets the required ${need.minTrl}`
        : `TRL ${tech.trl} is ${gap} level(s) below the required ${need.minTrl}`,
  });

  const compatibleModes = need.acceptableModes.filter((m) => tech.transferModes.includes(m));
  factors.push({
    factor: 'mode',
    points: compatibleModes.length > 0 ? WEIGHTS.mode : 0,
    max: WEIGHTS.mode,
    reason:
      compatibleModes.length > 0
        ? `offered as ${compatibleModes.join(', ')}, which the enterprise accepts`
        : `offered as ${tech.transferModes.join(', ')}; the enterprise accepts only ${need.acceptableModes.join(', ')}`,
  });

  const needCluster = clusterOf(need.region);
  const techCluster = clusterOf(tech.region);
  const crossRegion = need.region !== tech.region;
  const sameCluster = needCluster !== undefined && needCluster === techCluster;
  const note = !crossRegion
    ? `same region ${need.region}`
    : sameCluster
      ? `cross-region ${tech.region} → ${need.region} within the ${needCluster} cluster`
      : `cross-region ${tech.region} → ${need.region}`;

  return {
    score: factors.reduce((sum, f) => sum + f.points, 0),
    factors,
    commonKeywords,
    compatibleModes,
    region: { need: need.region, technology: tech.region, crossRegion, sameCluster, note },
  };
}

export interface RankedCandidate<T> {
  candidate: T;
  explanation: MatchExplanation;
}

/**
 * Best first; ties go to more shared keywords, then to the id so the order is deterministic.
 * Dropped, whatever their region: candidates below the threshold, and candidates without a single
 * keyword in common (same field, ready and licensable is not enough: a wind turbine does not
 * solve a battery problem).
 */
export function rankCandidates<T>(
  scored: RankedCandidate<T>[],
  idOf: (c: T) => string,
  { threshold = DEFAULT_PROPOSAL_THRESHOLD, limit = Number.POSITIVE_INFINITY } = {},
): RankedCandidate<T>[] {
  return scored
    .filter((s) => s.explanation.score >= threshold && s.explanation.commonKeywords.length > 0)
    .sort(
      (a, b) =>
        b.explanation.score - a.explanation.score ||
        b.explanation.commonKeywords.length - a.explanation.commonKeywords.length ||
        idOf(a.candidate).localeCompare(idOf(b.candidate)),
    )
    .slice(0, limit);
}

export function rankTechnologiesForNeed(
  need: NeedProfile,
  technologies: TechnologyProfile[],
  options: { threshold?: number; limit?: number; clusterOf?: ClusterOf } = {},
): RankedCandidate<TechnologyProfile>[] {
  return rankCandidates(
    technologies.map((t) => ({ candidate: t, explanation: explainMatch(need, t, options.clusterOf) })),
    (t) => t.technologyId,
    options,
  );
}

export function rankNeedsForTechnology(
  technology: TechnologyProfile,
  needs: NeedProfile[],
  options: { threshold?: number; limit?: number; clusterOf?: ClusterOf } = {},
): RankedCandidate<NeedProfile>[] {
  return rankCandidates(
    needs.map((n) => ({ candidate: n, explanation: explainMatch(n, technology, options.clusterOf) })),
    (n) => n.demandId,
    options,
  );
}

/**
 * The explanation as weighted factors with scores in 0..1 (the shape of match.proposed events):
 * region is listed with weight 0 because it annotates and never scores.
 */
export function weightedFactors(explanation: MatchExplanation): { factor: ScoreFactor['factor'] | 'region'; weight: number; score: number; detail: string }[] {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  return [
    ...explanation.factors.map((f) => ({ factor: f.factor, weight: f.max / total, score: f.points / f.max, detail: f.reason })),
    { factor: 'region' as const, weight: 0, score: 1, detail: `${explanation.region.note} (annotation only, never filtered)` },
  ];
}

/** Overall score in 0..1. */
export function scoreFraction(explanation: MatchExplanation): number {
  return explanation.score / Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
}
