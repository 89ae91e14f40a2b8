import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type mongoose from 'mongoose';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { httpRequestDuration, registry as metricsRegistry } from '../metrics';
import { CORRELATION_SPAN_ATTRIBUTE } from '../messaging/trace-context';
import { authenticate, principalOf, requireRole } from './auth';
import { withCorrelationId } from './context';
import { idempotency } from './idempotency';
import {
  MethodNotAllowedProblem,
  NotFoundProblem,
  problemHandler,
  sendProblem,
  ValidationProblem,
  type FieldError,
} from './problem';
import { buildOpenApi, type AnyRoute, type RouteRegistry } from './routes';
import { rejectOperatorKeys, validate, type RequestPart } from './validate';

type Db = mongoose.mongo.Db;

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface HttpAppOptions {
  name: string;
  version: string;
  logger: Logger;
  routes: RouteRegistry;
  jwtSecret: string;
  /** Late-bound: the app is built before MongoDB is connected. */
  db: () => Db;
  readiness?: ReadinessCheck[];
  /** Set to false during shutdown so load balancers stop sending traffic before the server closes. */
  isAcceptingTraffic?: () => boolean;
  bodyLimit?: string;
  readinessTimeoutMs?: number;
}

export const CORRELATION_HEADER = 'x-correlation-id';


function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Records duration under the route template so `/technologies/:id` is one series, not one per id. */
function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const end = httpRequestDuration.startTimer();
    res.on('finish', () => {
      const route =
        (res.locals.routeTemplate as string | undefined) ??
        (req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched');
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

function mountRoute(app: Express, route: AnyRoute, opts: HttpAppOptions): void {
  const chain: RequestHandler[] = [
    (_req, res, next) => {
      res.locals.routeTemplate = route.path;
      next();
    },
  ];
  if (!route.public) {
    chain.push(authenticate(opts.jwtSecret));
    if (route.roles) chain.push(requireRole(...route.roles));
  }
  chain.push(...(route.middleware ?? []));
  const parse: RequestHandler = (req, res, next) => {
    // Every part is checked so one response lists all bad fields, not just the first part's.
    const errors: FieldError[] = [];
    const part = (schema: z.ZodType | undefined, value: unknown, where: RequestPart): unknown => {
      if (!schema) return value;
      try {
        return validate(schema, value, where);
      } catch (err) {
        if (!(err instanceof ValidationProblem)) throw err;
        errors.push(...err.errors);
        return undefined;
      }
    };
    const input = {
      params: part(route.params, req.params, 'params'),
      query: part(route.query, req.query, 'query'),
      body: part(route.body, req.body, 'body'),
    };
    if (errors.length > 0)
      throw new ValidationProblem(errors, `Invalid request: ${errors.map((e) => e.field).join(', ')}`);
    res.locals.input = input;
    next();
  };
  chain.push(parse);
  // Validate before claiming the key, so a rejected body does not burn it.
  if (route.method === 'post' && route.idempotent !== false) {
    chain.push(idempotency({ db: opts.db, route: route.path, logger: opts.logger }));
  }
  chain.push(async (req, res) => {
    const input = res.locals.input as { body: unknown; query: unknown; params: unknown };
    const result = await route.handler({
      ...input,
      principal: route.public ? (req.principal as never) : principalOf(req),
      req,
      res,
    });
    if (res.headersSent) return;
    const status = result?.status ?? route.status ?? (route.method === 'post' ? 201 : 200);
    for (const [k, v] of Object.entries(result?.headers ?? {})) res.setHeader(k, v);
    if (result?.body === undefined) res.status(status).end();
    else res.status(status).json(result.body);
  });
  app[route.method](route.path, ...chain);
}

/**
 * The express 5 app every service runs: security headers, size-limited JSON, correlation ids,
 * operator-key refusal, route-template metrics, health/readiness/metrics/OpenAPI endpoints and
 * problem+json for every error, including 404 and 405.
 */
export function createHttpApp(opts: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.locals.jwtSecret = opts.jwtSecret;
  app.use(helmet());
  app.use(httpMetrics());
  app.use(
    express.json({ limit: opts.bodyLimit ?? '100kb', type: ['application/json', 'application/*+json'] }),
  );
  // After body parsing: the parser resumes the chain from a stream callback outside any async scope.
  app.use((req, res, next) => {
    const incoming = req.get(CORRELATION_HEADER);
    const id = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader(CORRELATION_HEADER, id);
    // On the HTTP server span (not an express middleware span) so Jaeger finds the request by it.
    const span = getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
    span?.setAttribute(CORRELATION_SPAN_ATTRIBUTE, id);
    withCorrelationId(id, () => next());
  });
  app.use(rejectOperatorKeys());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (opts.isAcceptingTraffic && !opts.isAcceptingTraffic()) {
      res.status(503).json({ status: 'shutting-down', checks: {} });
      return;
    }
    const checks: Record<string, { status: 'up' | 'down'; error?: string }> = {};
    await Promise.all(
      (opts.readiness ?? []).map(async (c) => {
        try {
          await withTimeout(c.check(), opts.readinessTimeoutMs ?? 2000, c.name);
          checks[c.name] = { status: 'up' };
        } catch (err) {
          checks[c.name] = { status: 'down', error: (err as Error).message };
        }
      }),
    );
    const ready = Object.values(checks).every((c) => c.status === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });
  let openapi: Record<string, unknown> | undefined;
  app.get('/openapi.json', (_req, res) => {
    openapi ??= buildOpenApi(opts.routes, { title: opts.name, version: opts.version });
    res.json(openapi);
  });

  for (const route of opts.routes.routes) mountRoute(app, route, opts);

  for (const [path, methods] of opts.routes.methodsByPath()) {
    const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    app.all(path, (req, res) => {
      res.locals.routeTemplate = path;
      sendProblem(req, res, new MethodNotAllowedProblem(allow));
    });
  }
  app.use((req, res) => {
    sendProblem(req, res, new NotFoundProblem(`No route for ${req.method} ${req.path}`));
  });
  app.use(problemHandler(opts.logger));
  return app;
}

export { withTimeout };
