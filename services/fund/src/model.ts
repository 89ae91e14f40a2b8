import type { AggregateStore } from '@corridor/service-kit';
import type { FundState, InvestmentState, PoolState } from './domain';

/** MongoDB collections of the fund service; the first three carry an outbox. */
export const COLLECTIONS = {
  funds: 'funds',
  investments: 'investments',
  pools: 'pools',
  /** projection: enterprises settled in a region (from park events), key `<region>:<creditCode>` */
  settledEnterprises: 'settled_enterprises',
  /** projection: technologies that passed a PoC, eligible for their region's PoC fund */
  pocCandidates: 'poc_candidates',
  /** record: signed contracts that are co-investment opportunities for the buyer region's funds */
  opportunities: 'opportunities',
} as const;

export type FundDoc = FundState & { establishedAt: string };
export type InvestmentDoc = InvestmentState & { committedAt: string; countsTowardReinvestment: boolean };
export type PoolDoc = PoolState;

export interface SettledEnterpriseDoc {
  region: string;
  creditCode: string;
  name: string;
  /** Every settlement that made this enterprise a candidate (one per application). */
  settlements: { applicationId: string; parkId: string; originRegion: string; settledAt: string; eventId: string }[];
  firstSettledAt: string;
}

export interface PocCandidateDoc {
  technologyId: string;
  region: string;
  pocCenter: { id: string; name: string; region: string };
  trlAfter: number;
  stageAfter: string;
  passedAt: string;
  eventId: string;
}

export interface OpportunityDoc {
  contractId: string;
  technologyId: string;
  buyerRegion: string;
  buyer: { name: string; creditCode: string; region: string; city?: string };
  seller: { name: string; region: string };
  title: string;
  valueFen: number;
  landingParkId?: string;
  signedAt: string;
  eventId: string;
}

export interface Stores {
  funds: AggregateStore<FundDoc>;
  investments: AggregateStore<InvestmentDoc>;
  pools: AggregateStore<PoolDoc>;
  settled: AggregateStore<SettledEnterpriseDoc>;
  poc: AggregateStore<PocCandidateDoc>;
  opportunities: AggregateStore<OpportunityDoc>;
}

export const settledKey = (region: string, creditCode: string) => `${region}:${creditCode}`;
