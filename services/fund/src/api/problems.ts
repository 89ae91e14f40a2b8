import { ConflictProblem, NotFoundProblem, UnprocessableProblem } from '@corridor/service-kit';
import { DomainError } from '../domain';

/**
 * THIN ADAPTER (kit request in docs/notes/kit-requests.md: a hook on the kit's problemHandler to
 * map a service's own error type): turns a refusal of the pure domain into problem+json that
 * names the offending field, as every other bad input does.
 */
export function asProblem(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  const errors = err.field ? [{ field: err.field, message: err.message }] : [];
  switch (err.code) {
    case 'invalid':
      return new UnprocessableProblem(err.message, { errors, code: err.code });
    case 'not-found':
      return new NotFoundProblem(err.message);
    default:
      return new ConflictProblem(err.message, { errors, code: err.code });
  }
}

export async function orProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asProblem(err);
  }
}
