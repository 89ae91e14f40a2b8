/** A state machine refused an action in the aggregate's current state (HTTP 409; consumers: no retry). */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  readonly permanent = true;
  readonly status = 409;
  readonly code = 'illegal-transition';
  readonly field = 'status';
  constructor(
    readonly aggregate: string,
    readonly from: string,
    readonly action: string,
  ) {
    super(`${aggregate} in status '${from}' cannot ${action}`);
  }
}

export interface StateMachine<S extends string, A extends string> {
  readonly aggregate: string;
  can(state: S, action: A): boolean;
  /** The state after `action`, or the refusal: the table is the single list of what is allowed. */
  next(state: S, action: A): S;
  actionsFrom(state: S): A[];
}

/**
 * A transition table as the one source of what an aggregate may do: `{ action: { from, to } }`.
 * Pure (no I/O), exported from the domain-safe entry `@corridor/service-kit/errors`. `refuse`
 * builds the error for a refused action (default IllegalTransitionError), so a service keeps its
 * own domain error type.
 */
export function defineStateMachine<S extends string, A extends string>(
  aggregate: string,
  table: Record<A, { from: readonly S[]; to: S }>,
  refuse: (from: S, action: A) => Error = (from, action) => new IllegalTransitionError(aggregate, from, action),
): StateMachine<S, A> {
  const actions = Object.keys(table) as A[];
  return {
    aggregate,
    can: (state, action) => table[action].from.includes(state),
    next(state, action) {
      const rule = table[action];
      if (!rule.from.includes(state)) throw refuse(state, action);
      return rule.to;
    },
    actionsFrom: (state) => actions.filter((a) => table[a].from.includes(state)),
  };
}
