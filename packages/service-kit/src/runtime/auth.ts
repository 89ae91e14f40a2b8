import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { ForbiddenProblem, UnauthorizedProblem } from './problem';

export const ROLES = ['agency-writer', 'agency-reader', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ISSUER = 'corridor';

export interface Principal {
  sub: string;
  region: string;
  roles: Role[];
  agency?: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  region: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/),
  roles: z.array(z.enum(ROLES)).min(1),
  agency: z.string().min(1).optional(),
});

const key = (secret: string) => new TextEncoder().encode(secret);

export interface SignTokenOptions extends Principal {
  secret: string;
  expiresIn?: string;
}

/** Issues an HS256 token the services accept; used by tests and the `corridor-token` CLI. */
export async function signToken({ secret, expiresIn = '12h', ...claims }: SignTokenOptions): Promise<string> {
  const principal = claimsSchema.parse(claims);
  return new SignJWT({
    region: principal.region,
    roles: principal.roles,
    ...(principal.agency ? { agency: principal.agency } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

export async function verifyToken(token: string, secret: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success)
    throw new UnauthorizedProblem(
      `Token claims are invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return parsed.data;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Bearer-token middleware: a missing or bad token is a 401 problem, never a silent anonymous request. */
export function authenticate(secret: string): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) return next(new UnauthorizedProblem('Missing bearer token'));
    verifyToken(match[1], secret).then(
      (principal) => {
        req.principal = principal;
        next();
      },
      (err: unknown) => {
        if (err instanceof UnauthorizedProblem) return next(err);
        const reason = err instanceof joseErrors.JWTExpired ? 'Token expired' : 'Invalid token';
        next(new UnauthorizedProblem(reason));
      },
    );
  };
}

/**
 * `authenticate` + `requireRole` for hand-written express routes inside a kit app; the secret
 * comes from the app (`app.locals.jwtSecret`, set by createHttpApp). defineRoute does this itself.
 */
export function requireAuth(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const secret = req.app.locals.jwtSecret as string | undefined;
    if (!secret)
      return next(new Error('requireAuth needs an app built by createHttpApp (app.locals.jwtSecret)'));
    authenticate(secret)(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (roles.length === 0) return next();
      requireRole(...roles)(req, res, next);
    });
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new UnauthorizedProblem();
  return req.principal;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

/** Allows the request when the principal holds any of `roles`; admins always pass. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (hasRole(principal, 'admin', ...roles)) return next();
    next(new ForbiddenProblem(`Requires one of the roles: ${roles.join(', ')}`));
  };
}

/** Agency writers write only for their own region; operators and admins act for every region. */
export function assertRegionWrite(principal: Principal, region: string): void {
  if (hasRole(principal, 'operator', 'admin')) return;
  if (!hasRole(principal, 'agency-writer')) throw new ForbiddenProblem('Requires the agency-writer role');
  if (principal.region !== region) {
    throw new ForbiddenProblem(`An agency of ${principal.region} may not write for region ${region}`);
  }
}

/** Readers see all regions' public data, but only privileged roles see everything; agencies are scoped to their region. */
export function canReadAllRegions(principal: Principal): boolean {
  return hasRole(principal, 'operator', 'admin');
}
