import type { CorridorEvent } from '@corridor/contracts';
import { applyTechnologyEvent } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { technologyOrderKey } from '../domain';

type Withdrawn = CorridorEvent<'corridor.supply.technology.withdrawn.v1'>;

/** Proposed matches stay as they are: a party can still decline them; no new ones are made. */
export const onTechnologyWithdrawn = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as Withdrawn;
  return applyTechnologyEvent(deps, event, {
    eventId: event.id,
    kind: 'withdrawn',
    technologyId: data.technologyId,
    order: technologyOrderKey(data.withdrawnAt, event.id),
    fields: {},
  });
};
