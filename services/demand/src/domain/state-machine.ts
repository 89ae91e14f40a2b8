import { IllegalTransition } from './errors';

export interface StateMachine<S extends string, A extends string> {
  readonly aggregate: string;
  can(state: S, action: A): boolean;
  /** The state after `action`, or IllegalTransition: the table is the single list of what is allowed. */
  next(state: S, action: A): S;
  actionsFrom(state: S): A[];
}

export function defineStateMachine<S extends string, A extends string>(
  aggregate: string,
  table: Record<A, { from: readonly S[]; to: S }>,
): StateMachine<S, A> {
  const actions = Object.keys(table) as A[];
  return {
    aggregate,
    can: (state, action) => table[action].from.includes(state),
    next(state, action) {
      const rule = table[action];
      if (!rule.from.includes(state)) throw new IllegalTransition(aggregate, state, action);
      return rule.to;
    },
    actionsFrom: (state) => actions.filter((a) => table[a].from.includes(state)),
  };
}
