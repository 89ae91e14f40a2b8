/**
 * A domain rule refused the command or event. Retrying cannot help, so consumers dead-letter it
 * at once (and, for ingest, tell the agency why).
 */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
  constructor(
    message: string,
    readonly reasons: { path?: string; message: string }[] = [{ message }],
  ) {
    super(message);
  }
}

/** Optimistic concurrency clash: the aggregate changed since it was read. Re-read and retry. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expectedVersion: number,
  ) {
    super(`${collection}/${id} is no longer at version ${expectedVersion}`);
  }
}

/** insert() of an id that already exists and was not produced by the same causation event. */
export class DuplicateAggregateError extends Error {
  override readonly name = 'DuplicateAggregateError';
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`${collection}/${id} already exists`);
  }
}

export class AggregateNotFoundError extends Error {
  override readonly name = 'AggregateNotFoundError';
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`${collection}/${id} does not exist`);
  }
}

/**
 * A dependency (database, broker) is unreachable. Consumers pause instead of dead-lettering:
 * an outage says nothing about the record.
 */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
}

const INFRA_ERROR_NAMES = new Set([
  'InfrastructureError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoPoolClosedError',
]);

/** True for errors that mean "the database or broker is down", as opposed to "this record is bad". */
export function isInfrastructureError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (INFRA_ERROR_NAMES.has(err.name)) return true;
  const labels = (err as { errorLabels?: unknown }).errorLabels;
  if (labels instanceof Set && (labels.has('ResetPool') || labels.has('RetryableWriteError'))) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isInfrastructureError(cause);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface DomainRefusal extends Error {
  permanent?: unknown;
  field?: unknown;
  reasons?: { path?: string; message: string }[];
}

/**
 * A domain refusal recognised by shape, as problemHandler does over HTTP (`permanent: true` or
 * name `PermanentError`, no import of the kit needed), and an id taken by another aggregate: the
 * consumer rejects it at once instead of retrying, and `field` names the offending data field.
 */
export function asPermanentError(err: unknown): PermanentError | undefined {
  if (err instanceof PermanentError) return err;
  if (!(err instanceof Error)) return undefined;
  const e = err as DomainRefusal;
  // A redelivery is not this case (the store recognises its causation id): another event owns the id.
  if (e.name === 'DuplicateAggregateError') return new PermanentError(e.message, [{ path: 'subject', message: e.message }]);
  if (e.name !== 'PermanentError' && e.permanent !== true) return undefined;
  const reasons =
    typeof e.field === 'string'
      ? [{ path: e.field.startsWith('data.') ? e.field : `data.${e.field}`, message: e.message }]
      : Array.isArray(e.reasons)
        ? e.reasons
        : [{ path: 'data', message: e.message }];
  const permanent = new PermanentError(e.message, reasons);
  permanent.cause = err;
  return permanent;
}
