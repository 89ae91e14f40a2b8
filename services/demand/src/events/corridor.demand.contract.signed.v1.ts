import type { CorridorEvent } from '@corridor/contracts';
import { metaOf } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { fulfilDemand } from '../commands/demands';

type Signed = CorridorEvent<'corridor.demand.contract.signed.v1'>;

/**
 * A signed contract fulfils the need it came from. Done from demand's own contract topic rather
 * than inside the signing request, so the need closes (at least once) even if the process dies
 * right after the contract was written.
 */
export const onContractSigned = (deps: DemandDeps) => async (event: CorridorEvent) => {
  const { data } = event as Signed;
  if (!data.demandId) return { applied: false };
  return fulfilDemand(deps, data.demandId, data.contractId, metaOf(event));
};
