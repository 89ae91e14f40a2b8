import type { CorridorEvent } from '@corridor/contracts';
import { PermanentError } from '@corridor/service-kit';
import { metaOf } from '../commands/catalogue';
import { publishDemand } from '../commands/demands';
import type { DemandDeps } from '../commands/deps';

type PublishRequested = CorridorEvent<'corridor.demand.demand.publish-requested.v1'>;

/**
 * An agency's "publish this need" command, handled exactly like POST /demands. The consumer has
 * already checked that the source may act for the event's region; the enterprise must be in that
 * region too, the same rule as an agency token writing over HTTP.
 */
export const onDemandPublishRequested = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as PublishRequested;
  return publishDemand(deps, data, metaOf(event), (region) => {
    if (region !== event.region) {
      throw new PermanentError(`the enterprise is in ${region}, but the command claims region ${event.region}`, [
        { path: 'data.enterprise.region', message: `must be the claimed region ${event.region}` },
      ]);
    }
  });
};
