import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import type { FundProjections } from '../projections';

/** A passed proof of concept makes the technology eligible for its region's PoC fund. */
export const technologyPocCompleted =
  (projections: FundProjections): EventHandler =>
  async (event) =>
    projections.pocCompleted(event as CorridorEvent<'corridor.supply.technology.poc-completed.v1'>);
