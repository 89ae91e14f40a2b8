import { z } from 'zod';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../src/runtime/config';

const base = {
  SERVICE_NAME: 'supply',
  MONGO_URL: 'mongodb://127.0.0.1:27017/supply',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
};

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('parses the base variables with defaults', () => {
    const cfg = loadConfig(undefined, {
      ...base,
      AGENCY_REGIONS: '{"bj-tech":["CN-BJ"]}',
      SERVICE_REGION: 'CN-BJ',
    });
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(cfg.PORT).toBe(3000);
    expect(cfg.LOG_LEVEL).toBe('info');
    expect(cfg.AGENCY_REGIONS).toEqual({ 'bj-tech': ['CN-BJ'] });
    expect(cfg.JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  it('names every missing or invalid variable', () => {
    const err = configError(() =>
      loadConfig(undefined, { SERVICE_NAME: 'x', PORT: 'eighty', KAFKA_BROKERS: 'nohost' }),
    );
    const vars = err.issues.map((i) => i.variable).sort();
    expect(vars).toEqual(['KAFKA_BROKERS', 'MONGO_URL', 'PORT']);
    expect(err.message).toContain('MONGO_URL: is required');
  });

  it('names AGENCY_REGIONS when it is not JSON or has a bad region', () => {
    expect(configError(() => loadConfig(undefined, { ...base, AGENCY_REGIONS: '{nope' })).issues[0]).toEqual({
      variable: 'AGENCY_REGIONS',
      message: 'must be valid JSON',
    });
    expect(
      configError(() => loadConfig(undefined, { ...base, AGENCY_REGIONS: '{"a":["beijing"]}' })).issues[0]
        ?.variable,
    ).toBe('AGENCY_REGIONS');
  });

  it('refuses the development JWT secret in production', () => {
    const err = configError(() => loadConfig(undefined, { ...base, NODE_ENV: 'production' }));
    expect(err.issues).toEqual([{ variable: 'JWT_SECRET', message: 'is required when NODE_ENV=production' }]);
    expect(
      loadConfig(undefined, {
        ...base,
        NODE_ENV: 'production',
        JWT_SECRET: 'a-long-enough-production-secret',
      }).JWT_SECRET,
    ).toBe('a-long-enough-production-secret');
  });

  it('validates service-specific variables from an extra schema', () => {
    const extra = z.object({ MATCH_THRESHOLD: z.coerce.number().min(0).max(1) });
    expect(loadConfig(extra, { ...base, MATCH_THRESHOLD: '0.4' }).MATCH_THRESHOLD).toBe(0.4);
    expect(configError(() => loadConfig(extra, { ...base, MATCH_THRESHOLD: '7' })).issues[0]?.variable).toBe(
      'MATCH_THRESHOLD',
    );
  });
});
