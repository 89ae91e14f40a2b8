import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import type { FundProjections } from '../projections';

/** Settlement → the enterprise becomes a candidate for (and counts toward 返投 of) the park region's funds. */
export const enterpriseSettled =
  (projections: FundProjections): EventHandler =>
  async (event) =>
    projections.enterpriseSettled(event as CorridorEvent<'corridor.park.enterprise.settled.v1'>);
