#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ROLES, signToken, type Role } from './auth';
import { DEV_JWT_SECRET } from './config';

const USAGE = `usage: corridor-token --region CN-BJ --roles agency-writer[,agency-reader] [--sub <subject>] [--agency <agency-id>] [--expires 12h]
  signs with $JWT_SECRET (default: the development secret)`;

/** Parses CLI arguments into a signed dev token; separate from the bin wrapper so tests call it directly. */
export async function tokenFromArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      roles: { type: 'string', multiple: true },
      sub: { type: 'string' },
      agency: { type: 'string' },
      expires: { type: 'string' },
    },
    strict: true,
  });
  if (!values.region || !values.roles?.length) throw new Error(USAGE);
  const roles = values.roles
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`unknown role(s): ${unknown.join(', ')}; expected ${ROLES.join(', ')}`);
  return signToken({
    secret: env.JWT_SECRET || DEV_JWT_SECRET,
    sub: values.sub ?? `dev-${values.agency ?? 'user'}`,
    region: values.region,
    roles: roles as Role[],
    ...(values.agency ? { agency: values.agency } : {}),
    ...(values.expires ? { expiresIn: values.expires } : {}),
  });
}

if (require.main === module) {
  tokenFromArgs(process.argv.slice(2)).then(
    (token) => process.stdout.write(`${token}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
