import type { CorridorEvent } from '@corridor/contracts';
import { metaOf } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { proposeForDemand } from '../commands/matching';

type Published = CorridorEvent<'corridor.demand.demand.published.v1'>;

/**
 * Demand reads its own `demand.published` to propose matches, instead of matching inside the
 * HTTP request: the need and its event commit atomically, and the proposals follow at least once
 * (idempotent match ids) even if the process dies right after the write.
 */
export const onDemandPublished = (deps: DemandDeps) => async (event: CorridorEvent) => {
  const { data } = event as Published;
  const need = await deps.stores.demands.get(data.demandId);
  if (!need) return { applied: false };
  const proposed = await proposeForDemand(deps, need, metaOf(event));
  return { applied: proposed > 0 };
};
