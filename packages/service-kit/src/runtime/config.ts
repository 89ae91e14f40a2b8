import { z } from 'zod';

/** ISO 3166-2 subdivision code, e.g. `CN-BJ`. The contracts package holds the closed list; config only checks the shape. */
const regionShape = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as CN-BJ');

const DEV_JWT_SECRET = 'corridor-dev-secret-do-not-use-in-production';

const jsonString = <T extends z.ZodType>(inner: T) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);

export const baseConfigSchema = z.object({
  NODE_ENV: z.string().default('development'),
  SERVICE_NAME: z.string().min(1),
  SERVICE_VERSION: z.string().min(1).default('0.0.0'),
  SERVICE_REGION: regionShape.optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  AGENCY_REGIONS: jsonString(z.record(z.string(), z.array(regionShape))).default({}),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  HTTP_BODY_LIMIT: z.string().default('100kb'),
  TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"')
    .optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25000),
});

export type BaseConfig = Omit<z.output<typeof baseConfigSchema>, 'JWT_SECRET'> & { JWT_SECRET: string };

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once at start-up so a misconfigured service dies
 * immediately with the offending variable named, instead of failing on first use.
 */
export function loadConfig<E extends z.ZodObject = z.ZodObject<Record<string, never>>>(
  extraSchema?: E,
  env: Record<string, string | undefined> = process.env,
): BaseConfig & z.output<E> {
  const schema = extraSchema ? baseConfigSchema.extend(extraSchema.shape) : baseConfigSchema;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '(environment)'),
        message: i.code === 'invalid_type' && i.input === undefined ? 'is required' : i.message,
      })),
    );
  }
  const cfg = parsed.data as Record<string, unknown>;
  if (cfg.JWT_SECRET === undefined) {
    if (cfg.NODE_ENV === 'production') {
      throw new ConfigError([{ variable: 'JWT_SECRET', message: 'is required when NODE_ENV=production' }]);
    }
    cfg.JWT_SECRET = DEV_JWT_SECRET;
  }
  return cfg as BaseConfig & z.output<E>;
}

export { DEV_JWT_SECRET };
