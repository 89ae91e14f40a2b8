import type { RouteRegistry } from '@corridor/service-kit';
import type { DemandDeps } from '../commands/deps';
import { challengeRoutes } from './challenges';
import { contractRoutes } from './contracts';
import { demandRoutes } from './demands';
import { matchRoutes } from './matches';
import { catalogueRoutes } from './technologies';

export function registerRoutes(router: RouteRegistry, deps: DemandDeps): void {
  // Domain refusals become problem+json in the kit (duck-typed `permanent`, `status`, `field`, `code`).
  router.add(...demandRoutes(deps), ...challengeRoutes(deps), ...matchRoutes(deps), ...contractRoutes(deps), ...catalogueRoutes(deps));
}
