import { creditCodeCheckChar } from '@corridor/contracts';
import { loadConfig } from '@corridor/service-kit';
import { startServiceUnderTest, type ServiceUnderTest } from '@corridor/service-kit/testing';
import { testServiceEnv, uniqueName } from '@corridor/testkit';
import { createParkOnboardingService } from '../src/app';

export type Running = ServiceUnderTest;

/** The real service in-process against the shared broker and database, with its own db and topics. */
export function startPark(): Promise<Running> {
  const config = loadConfig(undefined, testServiceEnv('park-onboarding', { AGENCY_REGIONS: JSON.stringify({ 'tj-kjj': ['CN-TJ'] }) }));
  return startServiceUnderTest(config, uniqueName('park'), createParkOnboardingService);
}

/** A valid 统一社会信用代码 from 17 characters (the 18th is the GB 32100 check character). */
export const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
