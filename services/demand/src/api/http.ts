import { randomUUID } from 'node:crypto';
import {
  AggregateNotFoundError,
  ConflictProblem,
  DuplicateAggregateError,
  ForbiddenProblem,
  NotFoundProblem,
  UnprocessableProblem,
  assertRegionWrite,
  currentCorrelationId,
  type AnyRoute,
  type Principal,
} from '@corridor/service-kit';
import type { Meta } from '../commands/deps';
import { DomainRuleViolation, IllegalTransition } from '../domain';

/**
 * THIN LOCAL ADAPTER (candidate for the kit, see docs/notes/kit-requests.md): turns what the
 * domain and the store throw into problem+json: a refused transition is 409, a refused rule 422
 * naming the field, an unknown id 404, an id that exists already 409.
 */
export function withDomainErrors<R extends AnyRoute>(route: R): R {
  const handler = route.handler;
  return {
    ...route,
    handler: async (input: Parameters<R['handler']>[0]) => {
      try {
        return await handler(input);
      } catch (err) {
        throw toProblem(err);
      }
    },
  };
}

export function toProblem(err: unknown): unknown {
  if (err instanceof IllegalTransition) return new ConflictProblem(err.message, { code: err.code });
  if (err instanceof DomainRuleViolation) {
    return new UnprocessableProblem(err.message, {
      code: err.code,
      ...(err.field ? { errors: [{ field: err.field, message: err.message }] } : {}),
    });
  }
  if (err instanceof AggregateNotFoundError) return new NotFoundProblem(`${err.collection} ${err.id} does not exist`);
  if (err instanceof DuplicateAggregateError) return new ConflictProblem(`${err.collection} ${err.id} already exists`);
  return err;
}

/** An HTTP command continues the caller's chain: X-Correlation-Id when sent, else a new id. */
export const httpMeta = (): Meta => ({ correlationId: currentCorrelationId() ?? randomUUID() });

export const regionWriter = (principal: Principal) => (region: string) => assertRegionWrite(principal, region);

/** For records with two parties (contracts): allowed when the caller may write for either region. */
export const anyRegionWriter = (principal: Principal) => (regions: string[]) => {
  let refusal: unknown;
  for (const region of regions) {
    try {
      assertRegionWrite(principal, region);
      return;
    } catch (err) {
      refusal = err;
    }
  }
  throw refusal ?? new ForbiddenProblem();
};

/** Store documents without the store's bookkeeping. */
export function view<T extends object>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc as T & { _id?: unknown };
  void _id;
  return rest;
}
