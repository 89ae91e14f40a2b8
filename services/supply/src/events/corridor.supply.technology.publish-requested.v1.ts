import type { CorridorEvent } from '@corridor/contracts';
import { type EventHandler, PermanentError } from '@corridor/service-kit';
import type { TechnologyCommands } from '../commands';

/**
 * An agency publishes a technology through the ingest topic: the same create + publish as over
 * HTTP. The kit already checked that the source may act for ce_region; the data must then be for
 * that same region, or an agency could write for a region it does not serve.
 */
export function onPublishRequested(commands: TechnologyCommands): EventHandler {
  return async (event) => {
    const { id, region, data } = event as CorridorEvent<'corridor.supply.technology.publish-requested.v1'>;
    if (data.region !== region) {
      throw new PermanentError(`data.region ${data.region} differs from ce_region ${region}`, [
        { path: 'data.region', message: `must equal the event's region ${region}` },
      ]);
    }
    const { applied } = await commands.create(data, { causationEventId: id }, true);
    return { applied };
  };
}
