import type { CorridorEvent } from '@corridor/contracts';
import { applyTechnologyEvent } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { technologyOrderKey } from '../domain';

type PocCompleted = CorridorEvent<'corridor.supply.technology.poc-completed.v1'>;

/** A passed proof of concept raises the TRL, which can lift the technology over a need's minimum. */
export const onTechnologyPocCompleted = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as PocCompleted;
  return applyTechnologyEvent(deps, event, {
    eventId: event.id,
    kind: 'poc-completed',
    technologyId: data.technologyId,
    order: technologyOrderKey(data.completedAt, event.id),
    fields: { trl: data.trlAfter },
  });
};
