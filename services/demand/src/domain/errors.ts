/**
 * A command refused by a domain rule. The kit recognises it by shape, without an import:
 * `permanent` → never retried (HTTP: problem+json with `status`, default 422; consumers:
 * dead-lettered at once and rejected back to an agency on ingest). `field` names the offending
 * input when one input is to blame, so the caller can point at it.
 */
export class DomainRuleViolation extends Error {
  override readonly name = 'DomainRuleViolation';
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
  readonly status = 409;
  constructor(
    readonly aggregate: string,
    readonly from: string,
    readonly action: string,
  ) {
    super('illegal-transition', `${aggregate} in status '${from}' cannot ${action}`);
  }
}
