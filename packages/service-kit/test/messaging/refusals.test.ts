import { asPermanentError, PermanentError } from '../../src/messaging/errors';

class RuleViolation extends Error {
  readonly permanent = true;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

describe('asPermanentError (how consumers recognise a domain refusal without an import)', () => {
  it('turns an error with permanent: true into a PermanentError naming data.<field>', () => {
    const err = asPermanentError(new RuleViolation('too large', 'amountFen'));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err!.reasons).toEqual([{ path: 'data.amountFen', message: 'too large' }]);
  });

  it('keeps a field that already starts with data., and names data when there is no field', () => {
    expect(asPermanentError(new RuleViolation('x', 'data.poolId'))!.reasons[0]!.path).toBe('data.poolId');
    expect(asPermanentError(new RuleViolation('bad'))!.reasons).toEqual([{ path: 'data', message: 'bad' }]);
  });

  it('accepts a foreign PermanentError by name with its reasons, and an id taken by another aggregate', () => {
    const foreign = Object.assign(new Error('refused'), {
      name: 'PermanentError',
      reasons: [{ path: 'data.region', message: 'wrong region' }],
    });
    expect(asPermanentError(foreign)!.reasons).toEqual([{ path: 'data.region', message: 'wrong region' }]);
    const duplicate = Object.assign(new Error('technologies/t-1 already exists'), { name: 'DuplicateAggregateError' });
    expect(asPermanentError(duplicate)!.reasons[0]!.path).toBe('subject');
  });

  it('leaves every other error to the retry policy', () => {
    expect(asPermanentError(new Error('connection reset'))).toBeUndefined();
    expect(asPermanentError('not an error')).toBeUndefined();
  });
});
