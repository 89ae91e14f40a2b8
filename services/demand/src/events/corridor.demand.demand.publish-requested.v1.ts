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
  // ce_subject is the aggregate id: a command without data.demandId creates the need under it,
  // so the agency knows the id and a re-sent command stays one need.
  if (data.demandId && data.demandId !== event.subject) {
    throw new PermanentError('data.demandId and ce_subject name different needs', [
      { path: 'data.demandId', message: `must equal ce_subject ${event.subject}` },
    ]);
  }
  return publishDemand(deps, { ...data, demandId: event.subject }, metaOf(event), (region) => {
    if (region !== event.region) {
      throw new PermanentError(`the enterprise is in ${region}, but the command claims region ${event.region}`, [
        { path: 'data.enterprise.region', message: `must be the claimed region ${event.region}` },
      ]);
    }
  });
};
