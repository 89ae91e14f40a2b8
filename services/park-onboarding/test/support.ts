import { creditCodeCheckChar, type RegionCode } from '@corridor/contracts';
import { type BaseConfig, loadConfig, type Role, type Service, signToken } from '@corridor/service-kit';
import { testServiceEnv, uniqueName } from '@corridor/testkit';
import { createParkOnboardingService } from '../src/app';

export interface Running {
  service: Service;
  config: BaseConfig;
  prefix: string;
  token(region: RegionCode, ...roles: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/** The real service in-process against the shared broker and database, with its own db and topics. */
export async function startPark(): Promise<Running> {
  const prefix = uniqueName('park');
  const config = loadConfig(undefined, testServiceEnv('park-onboarding', { AGENCY_REGIONS: JSON.stringify({ 'tj-kjj': ['CN-TJ'] }) }));
  const service = createParkOnboardingService({ config, topicPrefix: prefix });
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

/** A valid 统一社会信用代码 from 17 characters (the 18th is the GB 32100 check character). */
export const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
