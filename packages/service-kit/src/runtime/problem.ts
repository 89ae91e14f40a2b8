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
  constructor(readonly errors: FieldError[], detail = 'The request is invalid') {
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
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.toBody(req.originalUrl)));
}

/** Maps whatever a handler threw onto problem+json; unknown errors become an opaque 500 and are logged. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    let problem: HttpProblem;
    if (err instanceof HttpProblem) {
      problem = err;
    } else if (isBodyParserError(err)) {
      problem =
        err.type === 'entity.too.large'
          ? new PayloadTooLargeProblem(`The request body exceeds ${err.limit} bytes`)
          : err.type === 'entity.parse.failed'
            ? new ValidationProblem([{ field: 'body', message: 'is not valid JSON' }], 'The request body is not valid JSON')
            : new HttpProblem(err.status ?? 400, 'bad-request', 'Bad Request', err.message);
    } else if (isConcurrencyError(err)) {
      problem = new ConflictProblem(err.message);
    } else if (isPermanentError(err)) {
      problem = new UnprocessableProblem(err.message);
    } else {
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
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string' && 'expose' in err;
}
// Matched by name so the HTTP layer does not import the messaging module (which imports this one).
function isConcurrencyError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'ConcurrencyError';
}
function isPermanentError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'PermanentError';
}
