import type { RouteRegistry } from '@corridor/service-kit';
import type { DemandDeps } from '../commands/deps';
import { challengeRoutes } from './challenges';
import { contractRoutes } from './contracts';
import { demandRoutes } from './demands';
import { withDomainErrors } from './http';
import { matchRoutes } from './matches';
import { catalogueRoutes } from './technologies';

export function registerRoutes(router: RouteRegistry, deps: DemandDeps): void {
  const routes = [...demandRoutes(deps), ...challengeRoutes(deps), ...matchRoutes(deps), ...contractRoutes(deps), ...catalogueRoutes(deps)];
  router.add(...routes.map(withDomainErrors));
}
