/**
 * A command refused by a business rule. Adapters map it: HTTP → 409/422 problem+json naming
 * `field`; events → PermanentError (never retried, dead-lettered with the reason).
 */
export type DomainErrorCode =
  | 'invalid' // the input breaks an invariant (422)
  | 'illegal-transition' // the state machine refuses the step (409)
  | 'exceeds-fund-size' // the commitment is larger than what the fund has left (409)
  | 'not-found' // a referenced entity does not exist (404)
  | 'already-exists'; // an id is taken by something different (409)

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError('invalid', message, field);
}
