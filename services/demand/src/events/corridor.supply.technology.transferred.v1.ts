import type { CorridorEvent } from '@corridor/contracts';
import { applyTechnologyEvent } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { technologyOrderKey } from '../domain';

type Transferred = CorridorEvent<'corridor.supply.technology.transferred.v1'>;

export const onTechnologyTransferred = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as Transferred;
  return applyTechnologyEvent(deps, event, {
    eventId: event.id,
    kind: 'transferred',
    technologyId: data.technologyId,
    order: technologyOrderKey(data.transferredAt, event.id),
    fields: {},
  });
};
