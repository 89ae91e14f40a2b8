import { loadConfig } from '@corridor/service-kit';
import { startServiceUnderTest, type ServiceUnderTest } from '@corridor/service-kit/testing';
import { testServiceEnv, uniqueName } from '@corridor/testkit';
import { createSupplyService } from '../src/app';

export type Running = ServiceUnderTest;

/** The real service in-process against the shared broker and database, with its own db and topics. */
export function startSupply(): Promise<Running> {
  const config = loadConfig(undefined, testServiceEnv('supply', { AGENCY_REGIONS: JSON.stringify({ 'bj-kjj': ['CN-BJ'] }) }));
  return startServiceUnderTest(config, uniqueName('supply'), createSupplyService);
}
