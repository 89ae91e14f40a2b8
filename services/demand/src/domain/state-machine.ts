import { defineStateMachine as define, type StateMachine } from '@corridor/service-kit/errors';
import { IllegalTransition } from './errors';

export type { StateMachine };

/** The kit's transition table (pure), refusing with demand's IllegalTransition (a DomainRuleViolation). */
export function defineStateMachine<S extends string, A extends string>(
  aggregate: string,
  table: Record<A, { from: readonly S[]; to: S }>,
): StateMachine<S, A> {
  return define(aggregate, table, (from, action) => new IllegalTransition(aggregate, from, action));
}
