import { BP, assertBp, assertFen, minFen, mulDiv } from './arith';
import { DomainError, invalid } from './errors';

export const LOAN_STATUSES = ['registered', 'defaulted', 'compensated'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

export interface Loan {
  id: string;
  bank: { name: string; creditCode?: string };
  borrower: { creditCode: string; name: string; region: string; city?: string; enterpriseId?: string };
  principalFen: number;
  termMonths: number;
  annualRateBasisPoints: number;
  status: LoanStatus;
  principalLossFen?: number;
  compensation?: Compensation;
}

export interface Compensation {
  /** What the coverage ratio alone would pay. */
  entitledFen: number;
  paidFen: number;
  /** Entitled but not paid because of the per-loan cap or an exhausted pool. */
  shortfallFen: number;
  limitedBy: 'none' | 'cap' | 'balance';
}

export interface PoolTerms {
  name: string;
  region: string;
  partnerBanks: string[];
  /** Share of a defaulted loan's principal loss the pool pays, in basis points. */
  coverageBasisPoints: number;
  /** Highest compensation for one loan, in fen. */
  perLoanCapFen: number;
  initialBalanceFen: number;
}

export interface PoolState extends Omit<PoolTerms, 'initialBalanceFen'> {
  id: string;
  balanceFen: number;
  compensatedFen: number;
  loans: Loan[];
}

export function createPool(id: string, terms: PoolTerms): PoolState {
  if (terms.partnerBanks.length === 0) throw invalid('partnerBanks', 'a pool needs at least one partner bank');
  if (new Set(terms.partnerBanks).size !== terms.partnerBanks.length) {
    throw invalid('partnerBanks', 'partner banks must be distinct');
  }
  assertBp(terms.coverageBasisPoints, 'coverageBasisPoints', { min: 1 });
  assertFen(terms.perLoanCapFen, 'perLoanCapFen', { positive: true });
  assertFen(terms.initialBalanceFen, 'initialBalanceFen');
  const { initialBalanceFen, ...rest } = terms;
  return { ...rest, id, balanceFen: initialBalanceFen, compensatedFen: 0, loans: [] };
}

export function findLoan(pool: PoolState, loanId: string): Loan {
  const loan = pool.loans.find((l) => l.id === loanId);
  if (!loan) throw new DomainError('not-found', `loan ${loanId} is not registered in pool ${pool.id}`, 'loanId');
  return loan;
}

export function registerLoan<P extends PoolState>(pool: P, loan: Omit<Loan, 'status'>): { pool: P; loan: Loan } {
  if (!pool.partnerBanks.includes(loan.bank.name)) {
    throw invalid('bank.name', `${loan.bank.name} is not a partner bank of this pool`);
  }
  assertFen(loan.principalFen, 'principalFen', { positive: true });
  if (!Number.isInteger(loan.termMonths) || loan.termMonths < 1) throw invalid('termMonths', 'must be a positive number of months');
  assertBp(loan.annualRateBasisPoints, 'annualRateBasisPoints', { max: 3_600 });
  if (pool.loans.some((l) => l.id === loan.id)) {
    throw new DomainError('already-exists', `loan ${loan.id} is already registered`, 'loanId');
  }
  const registered: Loan = { ...loan, status: 'registered' };
  return { pool: { ...pool, loans: [...pool.loans, registered] }, loan: registered };
}

/**
 * Compensation for a principal loss: the coverage share (floored to whole fen), then bounded
 * by the per-loan cap and by what is left in the pool — partially paid when the pool runs
 * short, nothing when it is empty.
 */
export function compensationFor(
  principalLossFen: number,
  terms: Pick<PoolState, 'coverageBasisPoints' | 'perLoanCapFen' | 'balanceFen'>,
): Compensation {
  const entitledFen = mulDiv(principalLossFen, terms.coverageBasisPoints, BP, 'floor');
  const paidFen = minFen(entitledFen, terms.perLoanCapFen, terms.balanceFen);
  // When cap and balance bind equally the balance is named: it is the one the operator can top up.
  const limitedBy = paidFen === entitledFen ? 'none' : paidFen === terms.balanceFen ? 'balance' : 'cap';
  return { entitledFen, paidFen, shortfallFen: entitledFen - paidFen, limitedBy };
}

function replaceLoan<P extends PoolState>(pool: P, loan: Loan): P {
  return { ...pool, loans: pool.loans.map((l) => (l.id === loan.id ? loan : l)) };
}

/** registered → defaulted, recording the principal loss the bank reports. */
export function markDefaulted<P extends PoolState>(pool: P, loanId: string, principalLossFen: number): { pool: P; loan: Loan } {
  const loan = findLoan(pool, loanId);
  if (loan.status !== 'registered') {
    throw new DomainError('illegal-transition', `loan ${loanId} is already ${loan.status}`, 'status');
  }
  assertFen(principalLossFen, 'lossFen', { positive: true });
  if (principalLossFen > loan.principalFen) {
    throw invalid('lossFen', `the loss cannot exceed the principal of ${loan.principalFen} fen`);
  }
  const updated: Loan = { ...loan, status: 'defaulted', principalLossFen };
  return { pool: replaceLoan(pool, updated), loan: updated };
}

/** defaulted → compensated: the pool pays from its balance. */
export function compensate<P extends PoolState>(pool: P, loanId: string): { pool: P; loan: Loan; compensation: Compensation } {
  const loan = findLoan(pool, loanId);
  if (loan.status !== 'defaulted' || loan.principalLossFen === undefined) {
    throw new DomainError('illegal-transition', `loan ${loanId} is ${loan.status}, not defaulted`, 'status');
  }
  const compensation = compensationFor(loan.principalLossFen, pool);
  const updated: Loan = { ...loan, status: 'compensated', compensation };
  return {
    pool: {
      ...replaceLoan(pool, updated),
      balanceFen: pool.balanceFen - compensation.paidFen,
      compensatedFen: pool.compensatedFen + compensation.paidFen,
    },
    loan: updated,
    compensation,
  };
}

/** What the API does on a default report: both steps in one state change, so no loan waits half-way. */
export function defaultAndCompensate<P extends PoolState>(pool: P, loanId: string, principalLossFen: number) {
  const defaulted = markDefaulted(pool, loanId, principalLossFen);
  return compensate(defaulted.pool, loanId);
}

export function deposit<P extends PoolState>(pool: P, amountFen: number): P {
  assertFen(amountFen, 'amountFen', { positive: true });
  return { ...pool, balanceFen: pool.balanceFen + amountFen };
}
