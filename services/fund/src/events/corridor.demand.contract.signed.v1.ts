import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import type { FundProjections } from '../projections';

/** A signed contract is recorded as a co-investment opportunity for the buyer region's funds. */
export const contractSigned =
  (projections: FundProjections): EventHandler =>
  async (event) =>
    projections.contractSigned(event as CorridorEvent<'corridor.demand.contract.signed.v1'>);
