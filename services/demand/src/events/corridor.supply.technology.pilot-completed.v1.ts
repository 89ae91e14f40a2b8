import type { CorridorEvent } from '@corridor/contracts';
import { applyTechnologyEvent } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { technologyOrderKey } from '../domain';

type PilotCompleted = CorridorEvent<'corridor.supply.technology.pilot-completed.v1'>;

/** A pilot run (中试) raises the TRL like a proof of concept does. */
export const onTechnologyPilotCompleted = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as PilotCompleted;
  return applyTechnologyEvent(deps, event, {
    eventId: event.id,
    kind: 'pilot-completed',
    technologyId: data.technologyId,
    order: technologyOrderKey(data.completedAt, event.id),
    fields: { trl: data.trlAfter },
  });
};
