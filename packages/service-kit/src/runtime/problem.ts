import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://corridor.example/problems/';

/** An error that renders as RFC 9457 problem details; throw it anywhere in a handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: PROBLEM_BASE + this.slug,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export class ValidationProblem extends HttpProblem {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request is invalid',
  ) {
    super(400, 'validation', 'Request validation failed', detail, { errors });
  }
}
export class UnauthorizedProblem extends HttpProblem {
  constructor(detail = 'A valid bearer token is required') {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}
export class ForbiddenProblem extends HttpProblem {
  constructor(detail = 'You may not perform this action') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}
export class NotFoundProblem extends HttpProblem {
  constructor(detail = 'No such resource') {
    super(404, 'not-found', 'Not Found', detail);
  }
}
export class MethodNotAllowedProblem extends HttpProblem {
  constructor(readonly allow: string[]) {
    super(405, 'method-not-allowed', 'Method Not Allowed', `Allowed methods: ${allow.join(', ')}`);
  }
}
export class ConflictProblem extends HttpProblem {
  constructor(detail = 'The resource changed concurrently', extensions: Record<string, unknown> = {}) {
    super(409, 'conflict', 'Conflict', detail, extensions);
  }
}
export class PayloadTooLargeProblem extends HttpProblem {
  constructor(detail = 'The request body is too large') {
    super(413, 'payload-too-large', 'Payload Too Large', detail);
  }
}
export class UnprocessableProblem extends HttpProblem {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(422, 'unprocessable', 'Unprocessable Content', detail, extensions);
  }
}
export class ServiceUnavailableProblem extends HttpProblem {
  constructor(detail = 'The service is not ready') {
    super(503, 'unavailable', 'Service Unavailable', detail);
  }
}

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  if (problem instanceof MethodNotAllowedProblem) res.setHeader('Allow', problem.allow.join(', '));
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toBody(req.originalUrl)));
}

function knownProblem(err: unknown): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large')
      return new PayloadTooLargeProblem(`The request body exceeds ${err.limit} bytes`);
    if (err.type === 'entity.parse.failed') {
      return new ValidationProblem(
        [{ field: 'body', message: 'is not valid JSON' }],
        'The request body is not valid JSON',
      );
    }
    return new HttpProblem(err.status ?? 400, 'bad-request', 'Bad Request', err.message);
  }
  return domainProblem(err);
}

/** Maps whatever a handler threw onto problem+json; unknown errors become an opaque 500 and are logged. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    let problem = knownProblem(err);
    if (!problem) {
      logger.error({ err, path: req.originalUrl }, 'unhandled error');
      problem = new HttpProblem(500, 'internal', 'Internal Server Error', 'An unexpected error occurred');
    }
    sendProblem(req, res, problem);
  };
}

interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
  message: string;
}
function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { type?: unknown }).type === 'string' &&
    'expose' in err
  );
}
interface DomainErrorShape extends Error {
  permanent?: unknown;
  status?: unknown;
  field?: unknown;
  code?: unknown;
  reasons?: { path?: string; message: string }[];
}

/** Field paths of event data (`data.priceFen`) name the same field as the request body (`priceFen`). */
const bodyField = (path: string) => path.replace(/^data\./, '');

/**
 * Domain and store errors are matched by `name` or duck-typed (`permanent: true`), never by class,
 * so domain code can refuse a command without importing the kit (and its express/mongodb/kafkajs).
 * - `ConcurrencyError`, `DuplicateAggregateError` → 409; `AggregateNotFoundError` → 404
 * - `PermanentError` or any error with `permanent === true` → `status` when it is a 4xx, else 422,
 *   with `errors` from `field` or from `reasons[].path`
 */
export function domainProblem(err: unknown): HttpProblem | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as DomainErrorShape;
  if (e.name === 'ConcurrencyError' || e.name === 'DuplicateAggregateError')
    return new ConflictProblem(e.message);
  if (e.name === 'AggregateNotFoundError') return new NotFoundProblem(e.message);
  if (e.name !== 'PermanentError' && e.permanent !== true) return undefined;
  const errors: FieldError[] =
    typeof e.field === 'string'
      ? [{ field: bodyField(e.field), message: e.message }]
      : (e.reasons ?? [])
          .filter((r) => r.path)
          .map((r) => ({ field: bodyField(r.path!), message: r.message }));
  const extensions: Record<string, unknown> = {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(errors.length ? { errors } : {}),
  };
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 422;
  if (status === 422) return new UnprocessableProblem(e.message, extensions);
  const titles: Record<number, [string, string]> = {
    400: ['validation', 'Request validation failed'],
    403: ['forbidden', 'Forbidden'],
    404: ['not-found', 'Not Found'],
    409: ['conflict', 'Conflict'],
  };
  const [slug, title] = titles[status] ?? ['domain-rule', 'Refused'];
  return new HttpProblem(status, slug, title, e.message, extensions);
}
