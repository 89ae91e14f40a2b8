import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ValidationProblem, type FieldError } from './problem';

export type RequestPart = 'body' | 'query' | 'params';

function fieldName(where: RequestPart, path: readonly PropertyKey[]): string {
  if (path.length === 0) return where;
  return path.map((p) => String(p)).join('.');
}

/** Parses `value` with a zod schema (the same library as the contracts) or throws a 400 naming each bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: RequestPart): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: fieldName(where, issue.path),
    message: issue.message,
  }));
  throw new ValidationProblem(errors, `Invalid request ${where}: ${errors.map((e) => e.field).join(', ')}`);
}

/**
 * Request data must never reach MongoDB as query operators or dotted paths; refusing the keys
 * outright (rather than stripping them) tells the client what was wrong.
 */
export function findOperatorKeys(value: unknown, path: string[] = [], out: FieldError[] = []): FieldError[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => findOperatorKeys(v, [...path, String(i)], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const here = [...path, key];
      if (key.startsWith('$') || key.includes('.')) {
        out.push({ field: here.join('.'), message: "keys must not start with '$' or contain '.'" });
      } else {
        findOperatorKeys(v, here, out);
      }
    }
  }
  return out;
}

export function assertNoOperatorKeys(value: unknown, where: RequestPart): void {
  const errors = findOperatorKeys(value);
  if (where === 'query' && value && typeof value === 'object') {
    // The simple query parser keeps `a[$ne]` as one key, so look for `$` anywhere in it.
    for (const key of Object.keys(value)) {
      if (key.includes('$') && !key.startsWith('$'))
        errors.push({ field: key, message: "query keys must not contain '$'" });
    }
  }
  if (errors.length > 0)
    throw new ValidationProblem(errors, `Operator or dotted keys are not accepted in the request ${where}`);
}

export function rejectOperatorKeys(): RequestHandler {
  return (req, _res, next) => {
    assertNoOperatorKeys(req.body, 'body');
    assertNoOperatorKeys(req.query, 'query');
    next();
  };
}
