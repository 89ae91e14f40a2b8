import { randomUUID } from 'node:crypto';
import type { CorridorEvent, EventData, EventType } from '@corridor/contracts';
import { DuplicateAggregateError, eventFactory } from '@corridor/service-kit';
import {
  DomainError,
  commitInvestment,
  convert,
  createPool,
  defaultAndCompensate,
  disburse,
  establishFund,
  leverage,
  registerLoan,
  reinvestmentRequiredFen,
  reserveCommitment,
  type CommitTerms,
  type FundTerms,
  type Loan,
  type PoolTerms,
  type PricedRound,
} from './domain';
import { settledKey, type FundDoc, type InvestmentDoc, type PoolDoc, type Stores } from './model';

/**
 * Where a command came from: the id of the event it is the effect of (deduplication) and the
 * caller's right to act for a region. Correlation/causation ids of the events it produces come
 * from the kit's request/event scope (eventFactory).
 */
export interface CommandMeta {
  /** Makes the write a no-op when this id was already applied (event handlers pass the ce_id). */
  causationEventId?: string;
  /** Throws when the caller may not act for `region` (HTTP: the agency's token; ingest: the source). */
  authorize?: (region: string) => void;
}

export type CreateFundInput = Omit<FundTerms, 'reinvestmentRatioBasisPoints'> & { fundId?: string; reinvestmentRatioBasisPoints: number };
export type CommitInput = CommitTerms & { investmentId?: string };
export type PoolInput = PoolTerms & { poolId?: string };
export type LoanInput = Omit<Loan, 'status' | 'id' | 'principalLossFen' | 'compensation'> & { loanId?: string };

const newEvent = eventFactory('fund');

const notFound = (what: string, id: string, field?: string) => new DomainError('not-found', `${what} ${id} does not exist`, field);

/**
 * The fund service's commands: load, let the pure domain decide, write state and events in one
 * single-document write (the kit's AggregateStore outbox). HTTP routes and the ingest consumer
 * both call these, so one rule set answers both doors.
 */
export class FundCommands {
  constructor(private readonly s: Stores) {}

  /** Correlation and causation come from the kit's scope of the HTTP request or consumed event. */
  private event<T extends EventType>(type: T, region: string, data: object, time: string): CorridorEvent<T> {
    return newEvent(type, { region, data, time });
  }

  async establishFund(input: CreateFundInput, meta: CommandMeta = {}): Promise<FundDoc> {
    meta.authorize?.(input.region);
    const { fundId = randomUUID(), ...terms } = input;
    const parent = terms.parentFundId ? ((await this.s.funds.get(terms.parentFundId)) ?? null) : undefined;
    const fund = establishFund(fundId, terms, parent);
    const now = new Date().toISOString();
    const doc: FundDoc = { ...fund, establishedAt: now };
    const event = this.event(
      'corridor.fund.fund.established.v1',
      fund.region,
      {
        fundId,
        name: fund.name,
        kind: fund.kind,
        ...(fund.parentFundId ? { parentFundId: fund.parentFundId } : {}),
        region: fund.region,
        manager: fund.manager,
        governmentCommitmentFen: fund.governmentCommitmentFen,
        totalSizeFen: fund.totalSizeFen,
        leverage: leverage(fund).ratio,
        reinvestment: { ratioBasisPoints: fund.reinvestmentRatioBasisPoints, requirementFen: reinvestmentRequiredFen(fund) },
        establishedAt: now,
      },
      now,
    );
    try {
      await this.s.funds.insert({ ...doc, _id: fundId }, [event]);
    } catch (err) {
      if (err instanceof DuplicateAggregateError) throw new DomainError('already-exists', `fund ${fundId} already exists`, 'fundId');
      throw err;
    }
    return doc;
  }

  /**
   * Two documents change: the fund reserves the amount, then the investment is written with its
   * event. The reservation is keyed by the investment id, so a retry after a crash between the
   * two writes does not reserve twice; a crash that is never retried leaves the amount reserved
   * (the safe side: the fund can never be over-committed).
   */
  async commitInvestment(fundId: string, input: CommitInput, meta: CommandMeta = {}): Promise<InvestmentDoc> {
    const fund = await this.s.funds.get(fundId);
    if (!fund) throw notFound('fund', fundId);
    meta.authorize?.(fund.region);
    const { investmentId = randomUUID(), ...terms } = input;
    if (await this.s.investments.get(investmentId)) {
      throw new DomainError('already-exists', `investment ${investmentId} already exists`, 'investmentId');
    }
    const investment = commitInvestment(investmentId, { id: fundId, region: fund.region }, terms);
    reserveCommitment(fund, terms.amountFen); // refuse early, before anything is written

    const [settled, opportunity] = await Promise.all([
      this.s.settled.get(settledKey(fund.region, terms.enterprise.creditCode)),
      this.s.opportunities.collection.findOne(
        { buyerRegion: fund.region, 'buyer.creditCode': terms.enterprise.creditCode },
        { sort: { signedAt: -1 } },
      ),
    ]);
    const basis = {
      ...(settled?.settlements[0] ? { settlementApplicationId: settled.settlements[0].applicationId } : {}),
      ...(opportunity ? { contractId: opportunity.contractId, technologyId: opportunity.technologyId } : {}),
    };

    await this.s.funds.mutate(
      fundId,
      (current) => {
        if (!current) throw notFound('fund', fundId);
        return { next: reserveCommitment(current, terms.amountFen), events: [] };
      },
      { causationEventId: `commit:${investmentId}` },
    );

    const now = new Date().toISOString();
    const doc: InvestmentDoc = { ...investment, committedAt: now, countsTowardReinvestment: settled !== undefined };
    const event = this.event(
      'corridor.fund.investment.committed.v1',
      fund.region,
      {
        ...this.investmentRef(doc),
        amountFen: doc.amountFen,
        countsTowardReinvestment: doc.countsTowardReinvestment,
        ...(Object.keys(basis).length > 0 ? { basis } : {}),
        committedAt: now,
      },
      now,
    );
    await this.s.investments.insert({ ...doc, _id: investmentId }, [event]);
    return doc;
  }

  async disburse(investmentId: string, trancheFen: number | undefined, meta: CommandMeta = {}): Promise<InvestmentDoc> {
    return this.changeInvestment(investmentId, meta, (current, now) => {
      const next = disburse(current, trancheFen);
      return {
        next,
        event: this.event(
          'corridor.fund.investment.disbursed.v1',
          current.region,
          {
            ...this.investmentRef(current),
            trancheFen: next.disbursedFen - current.disbursedFen,
            disbursedTotalFen: next.disbursedFen,
            committedFen: next.amountFen,
            disbursedAt: now,
          },
          now,
        ),
      };
    });
  }

  async convert(investmentId: string, round: PricedRound, meta: CommandMeta = {}): Promise<InvestmentDoc> {
    return this.changeInvestment(investmentId, meta, (current, now) => {
      const next = convert(current, round);
      return {
        next,
        event: this.event(
          'corridor.fund.investment.converted.v1',
          current.region,
          {
            ...this.investmentRef(current),
            amountFen: next.amountFen,
            conversion: {
              roundName: round.roundName,
              roundValuationFen: round.preMoneyValuationFen,
              equityBasisPoints: next.equityBasisPoints,
            },
            convertedAt: now,
          },
          now,
        ),
      };
    });
  }

  async createPool(input: PoolInput, meta: CommandMeta = {}): Promise<PoolDoc> {
    meta.authorize?.(input.region);
    const { poolId = randomUUID(), ...terms } = input;
    const pool = createPool(poolId, terms);
    try {
      // The catalogue has no pool event: a pool becomes visible to others through its loans.
      await this.s.pools.insert({ ...pool, _id: poolId }, []);
    } catch (err) {
      if (err instanceof DuplicateAggregateError) throw new DomainError('already-exists', `pool ${poolId} already exists`, 'poolId');
      throw err;
    }
    return pool;
  }

  /**
   * Idempotent by loan id: re-sending the same loan (same bank, borrower, principal) is a no-op
   * (`created: false`), as is a redelivered ingest event.
   */
  async registerLoan(poolId: string, input: LoanInput, meta: CommandMeta = {}): Promise<{ pool: PoolDoc; loan: Loan; created: boolean }> {
    const { loanId = randomUUID(), ...loan } = input;
    let result: { pool: PoolDoc; loan: Loan; created: boolean } | undefined;
    await this.s.pools.mutate(
      poolId,
      (current) => {
        if (!current) throw notFound('pool', poolId, 'poolId');
        meta.authorize?.(current.region);
        const existing = current.loans.find((l) => l.id === loanId);
        if (existing && sameLoan(existing, loan)) {
          result = { pool: current, loan: existing, created: false };
          return null;
        }
        const now = new Date().toISOString();
        const decided = registerLoan(current, { ...loan, id: loanId });
        result = { ...decided, created: true };
        const event = this.event(
          'corridor.fund.loan.registered.v1',
          current.region,
          {
            ...this.loanRef(current, decided.loan),
            termMonths: loan.termMonths,
            annualRateBasisPoints: loan.annualRateBasisPoints,
            compensationShareBasisPoints: current.coverageBasisPoints,
            poolBalanceFen: current.balanceFen,
            registeredAt: now,
          },
          now,
        );
        return { next: decided.pool, events: [event] };
      },
      meta.causationEventId ? { causationEventId: meta.causationEventId } : {},
    );
    if (!result) {
      // The causation event was applied before: answer with what is stored.
      const pool = await this.s.pools.get(poolId);
      const stored = pool?.loans.find((l) => l.id === loanId);
      if (!pool || !stored) throw notFound('loan', loanId, 'loanId');
      result = { pool, loan: stored, created: false };
    }
    return result;
  }

  async defaultLoan(poolId: string, loanId: string, lossFen: number, reason: string | undefined, meta: CommandMeta = {}) {
    let result: ReturnType<typeof defaultAndCompensate> | undefined;
    await this.s.pools.mutate(poolId, (current) => {
      if (!current) throw notFound('pool', poolId, 'poolId');
      meta.authorize?.(current.region);
      const decided = defaultAndCompensate(current, loanId, lossFen);
      result = decided;
      const now = new Date().toISOString();
      const ref = this.loanRef(current, decided.loan);
      const events = [
        this.event('corridor.fund.loan.defaulted.v1', current.region, { ...ref, lossFen, ...(reason ? { reason } : {}), defaultedAt: now }, now),
        this.event(
          'corridor.fund.loan.compensated.v1',
          current.region,
          {
            ...ref,
            lossFen,
            compensationShareBasisPoints: current.coverageBasisPoints,
            compensationFen: decided.compensation.paidFen,
            // The contract's flag: the bank got less than its share (pool balance or per-loan cap).
            capped: decided.compensation.limitedBy !== 'none',
            poolBalanceFen: decided.pool.balanceFen,
            compensatedAt: now,
          },
          now,
        ),
      ];
      return { next: decided.pool, events };
    });
    return result!;
  }

  private async changeInvestment(
    investmentId: string,
    meta: CommandMeta,
    decide: (current: InvestmentDoc, now: string) => { next: InvestmentDoc; event: CorridorEvent },
  ): Promise<InvestmentDoc> {
    let next: InvestmentDoc | undefined;
    await this.s.investments.mutate(investmentId, (current) => {
      if (!current) throw notFound('investment', investmentId);
      meta.authorize?.(current.region);
      const decided = decide(current, new Date().toISOString());
      next = decided.next;
      return { next: decided.next, events: [decided.event] };
    });
    return next!;
  }

  private investmentRef(inv: InvestmentDoc) {
    return {
      investmentId: inv.id,
      fundId: inv.fundId,
      fundRegion: inv.region,
      enterprise: inv.enterprise,
      instrument: inv.instrument,
    };
  }

  private loanRef(pool: PoolDoc, loan: Loan) {
    return {
      poolId: pool.id,
      loanId: loan.id,
      poolRegion: pool.region,
      bank: loan.bank,
      enterprise: loan.borrower,
      principalFen: loan.principalFen,
    };
  }
}

/** The ingest command and the HTTP body share one shape (the contract's loanInputFields). */
export function loanInputFromCommand(data: EventData<'corridor.fund.loan.register-requested.v1'>): LoanInput {
  return {
    ...(data.loanId ? { loanId: data.loanId } : {}),
    bank: data.bank,
    borrower: data.enterprise,
    principalFen: data.principalFen,
    termMonths: data.termMonths,
    annualRateBasisPoints: data.annualRateBasisPoints,
  };
}

function sameLoan(a: Loan, b: Omit<Loan, 'id' | 'status'>): boolean {
  return a.bank.name === b.bank.name && a.borrower.creditCode === b.borrower.creditCode && a.principalFen === b.principalFen;
}
