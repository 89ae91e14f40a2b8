import { domainProblem } from '../../src/runtime/problem';
import { defineStateMachine, IllegalTransitionError } from '../../src/runtime/state-machine';
import { asPermanentError } from '../../src/messaging/errors';

type Status = 'draft' | 'published' | 'withdrawn';
const machine = defineStateMachine<Status, 'publish' | 'withdraw'>('technology', {
  publish: { from: ['draft'], to: 'published' },
  withdraw: { from: ['draft', 'published'], to: 'withdrawn' },
});

describe('defineStateMachine', () => {
  it('answers the next state from the table and lists the actions a state allows', () => {
    expect(machine.next('draft', 'publish')).toBe('published');
    expect(machine.can('withdrawn', 'withdraw')).toBe(false);
    expect(machine.actionsFrom('draft')).toEqual(['publish', 'withdraw']);
    expect(machine.actionsFrom('withdrawn')).toEqual([]);
  });

  it('refuses with an error that HTTP renders as 409 naming status and consumers never retry', () => {
    let refusal: unknown;
    try {
      machine.next('withdrawn', 'publish');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(IllegalTransitionError);
    const problem = domainProblem(refusal)!;
    expect(problem.status).toBe(409);
    expect(problem.extensions).toMatchObject({ code: 'illegal-transition', errors: [{ field: 'status' }] });
    expect(asPermanentError(refusal)!.reasons[0]!.path).toBe('data.status');
  });

  it("throws the service's own error when given one", () => {
    class Refused extends Error {}
    const own = defineStateMachine<Status, 'publish'>(
      't',
      { publish: { from: ['draft'], to: 'published' } },
      () => new Refused('no'),
    );
    expect(() => own.next('published', 'publish')).toThrow(Refused);
  });
});
