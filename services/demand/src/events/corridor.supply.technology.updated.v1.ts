import type { CorridorEvent } from '@corridor/contracts';
import { applyTechnologyEvent } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { technologyOrderKey } from '../domain';
import { technologyFields } from './corridor.supply.technology.published.v1';

type Updated = CorridorEvent<'corridor.supply.technology.updated.v1'>;

export const onTechnologyUpdated = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as Updated;
  return applyTechnologyEvent(deps, event, {
    eventId: event.id,
    kind: 'updated',
    technologyId: data.technologyId,
    order: technologyOrderKey(data.updatedAt, event.id),
    fields: technologyFields(data),
    status: data.status,
  });
};
