export interface ContractIssue {
  /** `headers.<name>`, `key`, `value` or `data.<dotted.path>` */
  path: string;
  message: string;
}

/** A record or payload that breaks the public contract; never worth retrying. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    readonly issues: ContractIssue[],
    readonly eventType?: string,
  ) {
    super(`${eventType ? `${eventType}: ` : ''}${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** Also true for a violation thrown by another copy of this package (instanceof would miss it). */
export function isContractViolation(err: unknown): err is ContractViolation {
  return (
    err instanceof ContractViolation ||
    (err instanceof Error &&
      err.name === 'ContractViolation' &&
      Array.isArray((err as ContractViolation).issues))
  );
}
