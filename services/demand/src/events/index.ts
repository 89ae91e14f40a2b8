import type { EventHandler } from '@corridor/service-kit';
import type { DemandDeps } from '../commands/deps';
import { onDemandPublishRequested } from './corridor.demand.demand.publish-requested.v1';
import { onContractSigned } from './corridor.demand.contract.signed.v1';
import { onDemandPublished } from './corridor.demand.demand.published.v1';
import { onTechnologyPilotCompleted } from './corridor.supply.technology.pilot-completed.v1';
import { onTechnologyPocCompleted } from './corridor.supply.technology.poc-completed.v1';
import { onTechnologyPublished } from './corridor.supply.technology.published.v1';
import { onTechnologyTransferred } from './corridor.supply.technology.transferred.v1';
import { onTechnologyUpdated } from './corridor.supply.technology.updated.v1';
import { onTechnologyWithdrawn } from './corridor.supply.technology.withdrawn.v1';

// Domain refusals (`permanent: true`) and ids taken by another aggregate are rejected at once by
// the kit's consumer wrapper; everything else is retried.

/** supply's technology topic → the catalogue projection (and proposals for arriving technologies). */
export const technologyHandlers = (deps: DemandDeps): Record<string, EventHandler> => ({
  'corridor.supply.technology.published.v1': onTechnologyPublished(deps),
  'corridor.supply.technology.updated.v1': onTechnologyUpdated(deps),
  'corridor.supply.technology.withdrawn.v1': onTechnologyWithdrawn(deps),
  'corridor.supply.technology.poc-completed.v1': onTechnologyPocCompleted(deps),
  'corridor.supply.technology.pilot-completed.v1': onTechnologyPilotCompleted(deps),
  'corridor.supply.technology.transferred.v1': onTechnologyTransferred(deps),
});

/** Demand's own topics: proposals for newly published needs, needs fulfilled by signed contracts. */
export const ownEventHandlers = (deps: DemandDeps): Record<string, EventHandler> => ({
  'corridor.demand.demand.published.v1': onDemandPublished(deps),
  'corridor.demand.contract.signed.v1': onContractSigned(deps),
});

/** Agency commands from corridor.demand.ingest.v1. */
export const ingestHandlers = (deps: DemandDeps): Record<string, EventHandler> => ({ 'corridor.demand.demand.publish-requested.v1': onDemandPublishRequested(deps) });
