/**
 * A command refused by a business rule. The kit recognises it by shape (`permanent: true`,
 * `status`, `field`, `code`) without the domain importing the kit: HTTP renders problem+json
 * naming `field`; consumers must not retry it.
 */
export type DomainErrorCode =
  | 'invalid' // the input breaks an invariant (422)
  | 'illegal-transition' // the state machine refuses the step (409)
  | 'exceeds-fund-size' // the commitment is larger than what the fund has left (409)
  | 'not-found' // a referenced entity does not exist (404)
  | 'already-exists'; // an id is taken by something different (409)

const STATUS: Record<DomainErrorCode, number> = {
  invalid: 422,
  'illegal-transition': 409,
  'exceeds-fund-size': 409,
  'not-found': 404,
  'already-exists': 409,
};

export class DomainError extends Error {
  readonly permanent = true;
  readonly status: number;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = STATUS[code];
  }
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError('invalid', message, field);
}
