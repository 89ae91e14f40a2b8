import type { RegionCode } from '@corridor/contracts';
import { type BaseConfig, loadConfig, type Role, type Service, signToken } from '@corridor/service-kit';
import { testServiceEnv, uniqueName } from '@corridor/testkit';
import { createSupplyService } from '../src/app';

export interface Running {
  service: Service;
  config: BaseConfig;
  prefix: string;
  token(region: RegionCode, ...roles: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/** The real service in-process against the shared broker and database, with its own db and topics. */
export async function startSupply(): Promise<Running> {
  const prefix = uniqueName('supply');
  const config = loadConfig(undefined, testServiceEnv('supply', { AGENCY_REGIONS: JSON.stringify({ 'bj-kjj': ['CN-BJ'] }) }));
  const service = createSupplyService({ config, topicPrefix: prefix });
  await service.start();
  return {
    service,
    config,
    prefix,
    token: (region, ...roles) =>
      signToken({ secret: config.JWT_SECRET, sub: `${region}-${roles.join('+')}`, region, roles: roles.length ? roles : ['agency-writer'] }),
    stop: () => service.stop(),
  };
}
