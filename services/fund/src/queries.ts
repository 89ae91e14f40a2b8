import { HIDE_STORE_FIELDS, sumBy, type Aggregate } from '@corridor/service-kit';
import {
  leverage,
  reinvestmentProgress,
  reinvestmentRequiredFen,
  remainingFen,
  summariseByRegion,
  type ReinvestmentProgress,
} from './domain';
import { type FundDoc, type InvestmentDoc, type PoolDoc, type Stores } from './model';

/** JSON shape of a fund in the API: stored terms plus the derived numbers. */
export function fundView(f: FundDoc & Partial<Pick<Aggregate<FundDoc>, 'version'>>) {
  return {
    fundId: f.id,
    name: f.name,
    kind: f.kind,
    region: f.region,
    ...(f.parentFundId ? { parentFundId: f.parentFundId } : {}),
    manager: f.manager,
    governmentCommitmentFen: f.governmentCommitmentFen,
    totalSizeFen: f.totalSizeFen,
    committedFen: f.committedFen,
    remainingFen: remainingFen(f),
    leverage: leverage(f).ratio,
    reinvestment: { ratioBasisPoints: f.reinvestmentRatioBasisPoints, requirementFen: reinvestmentRequiredFen(f) },
    establishedAt: f.establishedAt,
    ...(f.version !== undefined ? { version: f.version } : {}),
  };
}

export function investmentView(i: InvestmentDoc & Partial<Pick<Aggregate<InvestmentDoc>, 'version'>>) {
  return {
    investmentId: i.id,
    fundId: i.fundId,
    fundRegion: i.region,
    enterprise: i.enterprise,
    instrument: i.instrument,
    amountFen: i.amountFen,
    disbursedFen: i.disbursedFen,
    status: i.status,
    ...(i.equityBasisPoints !== undefined ? { equityBasisPoints: i.equityBasisPoints } : {}),
    ...(i.conversionTerms ? { conversionTerms: i.conversionTerms } : {}),
    ...(i.conversion ? { conversion: i.conversion } : {}),
    countsTowardReinvestmentAtCommit: i.countsTowardReinvestment,
    committedAt: i.committedAt,
    ...(i.version !== undefined ? { version: i.version } : {}),
  };
}

export function poolView(p: PoolDoc & Partial<Pick<Aggregate<PoolDoc>, 'version'>>) {
  return {
    poolId: p.id,
    name: p.name,
    region: p.region,
    partnerBanks: p.partnerBanks,
    coverageBasisPoints: p.coverageBasisPoints,
    perLoanCapFen: p.perLoanCapFen,
    balanceFen: p.balanceFen,
    compensatedFen: p.compensatedFen,
    loans: p.loans,
    ...(p.version !== undefined ? { version: p.version } : {}),
  };
}

/** Read side: 返投 progress and KPIs are computed from the stored records on every call. */
export class FundQueries {
  constructor(private readonly s: Stores) {}

  /** 返投 progress of each fund: two queries whatever the number of funds (no $lookup on FerretDB). */
  async progressOf(funds: readonly FundDoc[]): Promise<ReinvestmentProgress[]> {
    if (funds.length === 0) return [];
    const investments = (await this.s.investments.collection
      .find({ fundId: { $in: funds.map((f) => f.id) } }, { projection: { fundId: 1, enterprise: 1, instrument: 1, amountFen: 1, disbursedFen: 1 } })
      .toArray()) as unknown as InvestmentDoc[];
    const codes = [...new Set(investments.map((i) => i.enterprise.creditCode))];
    const regions = [...new Set(funds.map((f) => f.region))];
    const settled = codes.length
      ? await this.s.settled.collection
          .find({ region: { $in: regions }, creditCode: { $in: codes } }, { projection: { region: 1, creditCode: 1 } })
          .toArray()
      : [];
    const settledByRegion = new Map<string, Set<string>>();
    for (const s of settled) settledByRegion.set(s.region, (settledByRegion.get(s.region) ?? new Set()).add(s.creditCode));
    return funds.map((f) => reinvestmentProgress(f, investments, settledByRegion.get(f.region) ?? new Set()));
  }

  async allFunds(region?: string): Promise<FundDoc[]> {
    return (await this.s.funds.collection.find(region ? { region } : {}, { projection: HIDE_STORE_FIELDS }).sort({ _id: 1 }).toArray()) as unknown as FundDoc[];
  }

  async kpis(region?: string) {
    const funds = await this.allFunds(region);
    const progress = await this.progressOf(funds);
    const byFund = new Map(progress.map((p) => [p.fundId, p]));
    const invested = await this.investedByInstrument(funds.map((f) => f.id));
    const pools = (await this.s.pools.collection
      .find(region ? { region } : {}, { projection: { id: 1, region: 1, balanceFen: 1, compensatedFen: 1 } })
      .sort({ _id: 1 })
      .toArray()) as unknown as Pick<PoolDoc, 'id' | 'region' | 'balanceFen' | 'compensatedFen'>[];
    return {
      regions: summariseByRegion(funds, progress),
      funds: funds.map((f) => {
        const p = byFund.get(f.id)!;
        return {
          fundId: f.id,
          name: f.name,
          kind: f.kind,
          region: f.region,
          leverage: leverage(f).ratio,
          committedFen: f.committedFen,
          investedFen: invested.get(f.id) ?? {},
          reinvestment: {
            requiredFen: p.requiredFen,
            qualifyingFen: p.qualifyingFen,
            progress: p.progress.ratio,
            met: p.met,
          },
        };
      }),
      pools: pools.map((p) => ({ poolId: p.id, region: p.region, balanceFen: p.balanceFen, compensatedFen: p.compensatedFen })),
    };
  }

  /** Σ committed amount per fund and instrument, summed in MongoDB (the kit's one-accumulator sumBy). */
  async investedByInstrument(fundIds?: string[]): Promise<Map<string, Record<string, number>>> {
    const rows = await sumBy(
      this.s.investments.collection,
      fundIds ? { fundId: { $in: fundIds } } : {},
      { fundId: '$fundId', instrument: '$instrument' },
      '$amountFen',
    );
    const out = new Map<string, Record<string, number>>();
    for (const { key, value } of rows) {
      const fundId = String(key.fundId);
      out.set(fundId, { ...(out.get(fundId) ?? {}), [String(key.instrument)]: value });
    }
    return out;
  }
}
