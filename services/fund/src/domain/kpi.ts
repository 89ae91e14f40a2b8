import { ratio } from './arith';
import type { FundState } from './fund';
import type { ReinvestmentProgress } from './reinvestment';

export interface RegionFundSummary {
  region: string;
  funds: number;
  governmentCommitmentFen: number;
  totalSizeFen: number;
  committedFen: number;
  /** Σ size ÷ Σ government money: the region's leverage as a whole, not an average of ratios. */
  leverage: { bp: number; ratio: number } | null;
  requiredFen: number;
  qualifyingFen: number;
  /** Σ qualifying ÷ Σ required over the region's funds; null when nothing is required. */
  reinvestmentProgress: { bp: number; ratio: number } | null;
}

export function summariseByRegion(
  funds: readonly Pick<FundState, 'id' | 'region' | 'governmentCommitmentFen' | 'totalSizeFen' | 'committedFen'>[],
  progress: readonly Pick<ReinvestmentProgress, 'fundId' | 'requiredFen' | 'qualifyingFen'>[],
): RegionFundSummary[] {
  const byFund = new Map(progress.map((p) => [p.fundId, p]));
  const regions = new Map<string, Omit<RegionFundSummary, 'leverage' | 'reinvestmentProgress'>>();
  for (const f of funds) {
    const r = regions.get(f.region) ?? {
      region: f.region,
      funds: 0,
      governmentCommitmentFen: 0,
      totalSizeFen: 0,
      committedFen: 0,
      requiredFen: 0,
      qualifyingFen: 0,
    };
    const p = byFund.get(f.id);
    r.funds += 1;
    r.governmentCommitmentFen += f.governmentCommitmentFen;
    r.totalSizeFen += f.totalSizeFen;
    r.committedFen += f.committedFen;
    r.requiredFen += p?.requiredFen ?? 0;
    r.qualifyingFen += p?.qualifyingFen ?? 0;
    regions.set(f.region, r);
  }
  return [...regions.values()]
    .sort((a, b) => a.region.localeCompare(b.region))
    .map((r) => ({
      ...r,
      leverage: ratio(r.totalSizeFen, r.governmentCommitmentFen),
      reinvestmentProgress: ratio(r.qualifyingFen, r.requiredFen),
    }));
}
