import { PermanentError } from '@corridor/service-kit';
import { DomainError } from '../domain';

/**
 * THIN ADAPTER: a refusal of the pure domain is permanent (retrying cannot change the rule), so
 * the consumer dead-letters it at once and, for ingest, tells the agency which field was wrong.
 */
export async function orPermanent<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) {
      throw new PermanentError(err.message, [{ path: err.field ? `data.${err.field}` : 'data', message: err.message }]);
    }
    throw err;
  }
}
