import { creditCodeCheckChar, decodeEvent, type CorridorEvent } from '@corridor/contracts';
import { signToken, type Role } from '@corridor/service-kit';
import { testServiceEnv, uniqueName } from '@corridor/testkit';
import type { KafkaMessage } from 'kafkajs';
import { createDemandService } from '../src/app';
import { loadDemandConfig } from '../src/config';

export const JWT_SECRET = 'demand-test-secret-0123456789';

/** A 统一社会信用代码 with a correct check character, distinct per `seed`. */
export function creditCode(seed: number): string {
  const base = `911201${String(seed).padStart(2, '0').slice(-2)}MA06ABCD1`;
  return base + creditCodeCheckChar(base);
}

export function startDemand(extraEnv: Record<string, string> = {}) {
  const topicPrefix = uniqueName('dm');
  /** What the service puts before topic and group names, for building them in assertions. */
  const prefix = `${topicPrefix}.`;
  const config = loadDemandConfig(testServiceEnv('demand', { JWT_SECRET, AGENCY_REGIONS: JSON.stringify({ 'tj-kjj': ['CN-TJ'] }), ...extraEnv }));
  const service = createDemandService({ config, topicPrefix });
  return { service, prefix };
}

export function token(region: string, roles: Role[] = ['agency-writer'], sub = `agency-${region}`): Promise<string> {
  return signToken({ secret: JWT_SECRET, sub, region, roles });
}

export function needBody(overrides: Record<string, unknown> = {}) {
  return {
    enterprise: { name: '天津某新能源科技有限公司', creditCode: creditCode(1), region: 'CN-TJ' },
    title: '固态电解质量产',
    field: 'new-energy',
    problem: 'A sulfide solid electrolyte that survives mass production',
    keywords: ['solid-state battery', 'electrolyte'],
    budgetFen: 500_000_000,
    deadline: '2027-06-30',
    acceptableModes: ['license', 'transfer'],
    ...overrides,
  };
}

/** For collectTopics (testkit): a consumed record as the event it carries. */
export const decoded = (m: KafkaMessage): CorridorEvent =>
  decodeEvent({ key: m.key, value: m.value, headers: (m.headers ?? {}) as never });
