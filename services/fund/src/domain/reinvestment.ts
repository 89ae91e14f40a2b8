import { ratio } from './arith';
import type { FundState } from './fund';
import { reinvestmentRequiredFen } from './fund';
import type { Instrument, InvestmentState } from './investment';

export interface ReinvestmentProgress {
  fundId: string;
  region: string;
  ratioBasisPoints: number;
  requiredFen: number;
  /** Committed amount of the fund's investments into enterprises settled in the fund's region. */
  qualifyingFen: number;
  /** The part of `qualifyingFen` already paid out. */
  qualifyingDisbursedFen: number;
  qualifyingInvestments: number;
  shortfallFen: number;
  /** qualifying ÷ required (4 decimals, floored); 1 when nothing is required. */
  progress: { bp: number; ratio: number };
  met: boolean;
  byInstrument: Partial<Record<Instrument, number>>;
}

/**
 * 返投 progress, derived every time from the fund's investments and the set of enterprises
 * (credit codes) known to have settled in the fund's region. Because nothing is accumulated,
 * the result does not depend on whether a settlement arrived before or after an investment,
 * nor on how many times it was delivered.
 */
export function reinvestmentProgress(
  fund: Pick<FundState, 'id' | 'region' | 'governmentCommitmentFen' | 'reinvestmentRatioBasisPoints'>,
  investments: readonly Pick<InvestmentState, 'fundId' | 'enterprise' | 'instrument' | 'amountFen' | 'disbursedFen'>[],
  settledInRegion: ReadonlySet<string>,
): ReinvestmentProgress {
  const requiredFen = reinvestmentRequiredFen(fund);
  let qualifyingFen = 0;
  let qualifyingDisbursedFen = 0;
  let qualifyingInvestments = 0;
  const byInstrument: Partial<Record<Instrument, number>> = {};
  for (const inv of investments) {
    if (inv.fundId !== fund.id || !settledInRegion.has(inv.enterprise.creditCode)) continue;
    qualifyingFen += inv.amountFen;
    qualifyingDisbursedFen += inv.disbursedFen;
    qualifyingInvestments += 1;
    byInstrument[inv.instrument] = (byInstrument[inv.instrument] ?? 0) + inv.amountFen;
  }
  const progress = ratio(qualifyingFen, requiredFen) ?? { bp: 10_000, ratio: 1 };
  return {
    fundId: fund.id,
    region: fund.region,
    ratioBasisPoints: fund.reinvestmentRatioBasisPoints,
    requiredFen,
    qualifyingFen,
    qualifyingDisbursedFen,
    qualifyingInvestments,
    shortfallFen: Math.max(0, requiredFen - qualifyingFen),
    progress,
    met: qualifyingFen >= requiredFen,
    byInstrument,
  };
}
