/**
 * A command refused by a domain rule. It is never retried: the HTTP adapter answers 409/422 with
 * problem+json, the event adapter dead-letters it (and rejects it back to an agency on ingest).
 * `field` names the offending input when one input is to blame, so the caller can point at it.
 */
export class DomainRuleViolation extends Error {
  override readonly name = 'DomainRuleViolation';
  /** Duck-typed marker the kit may read instead of an import (see docs/notes/kit-requests.md). */
  readonly permanent = true;
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Distinct from a rule violation because HTTP maps it to 409 Conflict (the state, not the input, is wrong). */
export class IllegalTransition extends DomainRuleViolation {
  constructor(
    readonly aggregate: string,
    readonly from: string,
    readonly action: string,
  ) {
    super('illegal-transition', `${aggregate} in status '${from}' cannot ${action}`);
  }
}
