import { type BaseConfig, createService, loadConfig, type Service } from '@corridor/service-kit';
import { onboardingRoutes } from './api/routes';
import { APPLICATIONS, OnboardingCommands, PARKS } from './commands';
import type { Application, Park } from './domain';
import { onContractSigned } from './events/corridor.demand.contract.signed.v1';
import { onSubmitRequested } from './events/corridor.park.application.submit-requested.v1';
import { onboardingGauges } from './kpis';

export const SERVICE_NAME = 'park-onboarding';

export interface ParkOnboardingOptions {
  config?: BaseConfig;
  /** The kit puts it before every topic and consumer group id (default TOPIC_PREFIX); tests share one broker with it. */
  topicPrefix?: string;
}

export function createParkOnboardingService(options: ParkOnboardingOptions = {}): Service {
  const config = options.config ?? loadConfig(undefined, { SERVICE_NAME, PORT: '4103', ...process.env });
  const prefix = options.topicPrefix ?? config.TOPIC_PREFIX ?? '';
  const commands = new OnboardingCommands(
    () => service.ctx.store<Park>(PARKS),
    () => service.ctx.store<Application>(APPLICATIONS),
  );

  const service: Service = createService({
    name: SERVICE_NAME,
    service: 'park',
    config,
    topicPrefix: prefix,
    collections: [PARKS, APPLICATIONS],
    topics: 'catalogue',
    routes(router, ctx) {
      onboardingRoutes(router, { commands, db: () => ctx.db });
    },
    consumers: [
      {
        groupId: 'park-contracts',
        topics: ['corridor.demand.contract.v1'],
        handlers: { 'corridor.demand.contract.signed.v1': onContractSigned(commands) },
      },
      {
        groupId: 'park-ingest',
        topics: ['corridor.park.ingest.v1'],
        ingest: true,
        handlers: { 'corridor.park.application.submit-requested.v1': onSubmitRequested(commands) },
      },
    ],
    kpis: (ctx) => onboardingGauges(() => ctx.db),
  });
  return service;
}
