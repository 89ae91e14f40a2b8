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
    super(
      `${eventType ? `${eventType}: ` : ''}${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
}
