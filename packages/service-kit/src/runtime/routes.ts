import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Principal, Role } from './auth';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** Present unless the route is `public`. */
  principal: Principal;
  req: Request;
  res: Response;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type ParamsOut<S> = S extends z.ZodType ? z.output<S> : Record<string, string>;

export interface RouteDefinition<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: HttpMethod;
  /** Express path syntax (`/technologies/:id`); turned into `{id}` in the OpenAPI document. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  /** Status of a successful response; POST defaults to 201, everything else to 200. */
  status?: number;
  /** Omitted: any authenticated principal. Listed: the principal must hold one of them (admins always may). */
  roles?: Role[];
  /** No token needed (health-style endpoints, public catalogues). */
  public?: boolean;
  /** POST routes honour `Idempotency-Key` unless this is false. */
  idempotent?: boolean;
  /** Extra express middleware run after auth and before validation. */
  middleware?: RequestHandler[];
  handler: (
    input: RouteInput<Out<B>, Out<Q>, ParamsOut<P>>,
  ) => Promise<RouteResult | void> | RouteResult | void;
}

/** Identity function that keeps the zod types of body/query/params flowing into the handler. */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(route: RouteDefinition<B, Q, P>): RouteDefinition<B, Q, P> {
  return route;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any>;

/** The one place a service declares its routes: mounted on express and rendered as OpenAPI from the same objects. */
export class RouteRegistry {
  readonly routes: AnyRoute[] = [];

  add(...routes: AnyRoute[]): this {
    for (const route of routes) {
      if (this.routes.some((r) => r.method === route.method && r.path === route.path)) {
        throw new Error(`Route ${route.method.toUpperCase()} ${route.path} is defined twice`);
      }
      this.routes.push(route);
    }
    return this;
  }

  /** Paths with the methods they allow, for 405 responses. */
  methodsByPath(): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const r of this.routes) map.set(r.path, [...(map.get(r.path) ?? []), r.method.toUpperCase()]);
    return map;
  }
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const problemRef = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI 3.1 for every registered route, generated with `z.toJSONSchema` from the route's own schemas. */
export function buildOpenApi(
  registry: RouteRegistry,
  info: { title: string; version: string; description?: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry.routes) {
    const status = r.status ?? (r.method === 'post' ? 201 : 200);
    const op: Record<string, unknown> = {
      operationId: `${r.method}${r.path.replace(/[/:{}-]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.tags ? { tags: r.tags } : {}),
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(r.method === 'post' && r.idempotent !== false
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: { type: 'string', maxLength: 255 },
              },
            ]
          : []),
      ],
      responses: {
        [String(status)]: {
          description: 'Success',
          ...(r.response
            ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
            : {}),
        },
        '400': problemRef('Invalid request; `errors` names each field'),
        ...(r.public
          ? {}
          : { '401': problemRef('Missing or invalid bearer token'), '403': problemRef('Not allowed') }),
        ...(r.method === 'post'
          ? { '422': problemRef('Idempotency-Key reused with a different body, or a domain rule refused') }
          : {}),
        '500': problemRef('Unexpected error'),
      },
      ...(r.public ? { security: [] } : {}),
      ...(r.roles ? { 'x-roles': r.roles } : {}),
    };
    if (r.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
      };
    }
    const p = toOpenApiPath(r.path);
    paths[p] = { ...(paths[p] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
