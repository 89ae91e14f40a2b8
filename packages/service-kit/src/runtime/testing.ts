import type { RegionCode } from '@corridor/contracts';
import { signToken, type Role } from './auth';
import type { BaseConfig } from './config';
import type { Service } from './service';

/** A real service started in-process for a test, with its own topic prefix and a token helper. */
export interface ServiceUnderTest<C extends BaseConfig = BaseConfig> {
  service: Service<C>;
  config: C;
  /** Put before the service's topics and consumer groups as `<prefix>.` */
  prefix: string;
  /** A token for `region` with `roles` (default agency-writer), signed with the service's secret. */
  token(region: RegionCode, ...roles: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a service built by `create` against the broker and database in `config` (tests pass the
 * testkit's `testServiceEnv`), so every service's tests share one way of doing it.
 */
export async function startServiceUnderTest<C extends BaseConfig>(
  config: C,
  prefix: string,
  create: (options: { config: C; topicPrefix: string }) => Service<C>,
): Promise<ServiceUnderTest<C>> {
  const service = create({ config, topicPrefix: prefix });
  await service.start();
  return {
    service,
    config,
    prefix,
    token: (region, ...roles) =>
      signToken({
        secret: config.JWT_SECRET,
        sub: `${region}-${roles.join('+')}`,
        region,
        roles: roles.length ? roles : ['agency-writer'],
      }),
    stop: () => service.stop(),
  };
}
