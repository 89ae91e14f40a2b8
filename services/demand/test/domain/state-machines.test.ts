import {
  IllegalTransition,
  challengeMachine,
  contractMachine,
  matchMachine,
  needMachine,
  bidMachine,
  type StateMachine,
} from '../../src/domain';

/**
 * Exhaustive: for every machine, every (state, action) pair not in the allowed list must throw
 * IllegalTransition, and every allowed pair must land in the expected state.
 */
function exhaustive<S extends string, A extends string>(
  machine: StateMachine<S, A>,
  states: S[],
  actions: A[],
  allowed: [S, A, S][],
) {
  describe(`${machine.aggregate} state machine`, () => {
    for (const state of states) {
      for (const action of actions) {
        const rule = allowed.find(([from, act]) => from === state && act === action);
        if (rule) {
          it(`${state} --${action}--> ${rule[2]}`, () => {
            expect(machine.next(state, action)).toBe(rule[2]);
            expect(machine.can(state, action)).toBe(true);
          });
        } else {
          it(`refuses ${action} from ${state}`, () => {
            expect(machine.can(state, action)).toBe(false);
            expect(() => machine.next(state, action)).toThrow(IllegalTransition);
          });
        }
      }
    }
  });
}

exhaustive(needMachine, ['published', 'closed'], ['close'], [['published', 'close', 'closed']]);

exhaustive(
  challengeMachine,
  ['open', 'racing', 'awarded', 'cancelled'],
  ['submit-bid', 'start-race', 'review', 'award', 'cancel'],
  [
    ['open', 'submit-bid', 'open'],
    ['open', 'start-race', 'racing'],
    ['racing', 'review', 'racing'],
    ['racing', 'award', 'awarded'],
    ['open', 'cancel', 'cancelled'],
    ['racing', 'cancel', 'cancelled'],
  ],
);

exhaustive(
  bidMachine,
  ['submitted', 'racing', 'not-selected', 'eliminated', 'awarded'],
  ['select', 'pass-over', 'advance', 'eliminate', 'award'],
  [
    ['submitted', 'select', 'racing'],
    ['submitted', 'pass-over', 'not-selected'],
    ['racing', 'advance', 'racing'],
    ['racing', 'eliminate', 'eliminated'],
    ['racing', 'award', 'awarded'],
  ],
);

exhaustive(
  matchMachine,
  ['proposed', 'accepted', 'declined', 'contracted'],
  ['accept', 'decline', 'contract'],
  [
    ['proposed', 'accept', 'accepted'],
    ['proposed', 'decline', 'declined'],
    ['accepted', 'contract', 'contracted'],
  ],
);

exhaustive(
  contractMachine,
  ['drafted', 'signed', 'registered', 'terminated'],
  ['sign', 'register', 'terminate'],
  [
    ['drafted', 'sign', 'signed'],
    ['signed', 'register', 'registered'],
    ['drafted', 'terminate', 'terminated'],
    ['signed', 'terminate', 'terminated'],
    ['registered', 'terminate', 'terminated'],
  ],
);
