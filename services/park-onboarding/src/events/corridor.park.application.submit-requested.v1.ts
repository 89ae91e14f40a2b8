import type { CorridorEvent } from '@corridor/contracts';
import { type EventHandler, PermanentError } from '@corridor/service-kit';
import type { OnboardingCommands } from '../commands';

/**
 * An agency applies on an enterprise's behalf through the ingest topic: the same submit as over
 * HTTP. The kit already checked the source may act for ce_region; the park must then be in that
 * region, exactly as an agency token may only write for its own region's parks.
 */
export function onSubmitRequested(commands: OnboardingCommands): EventHandler {
  return async (event) => {
    const { id, region, data } = event as CorridorEvent<'corridor.park.application.submit-requested.v1'>;
    const park = await commands.parks.get(data.parkId);
    if (!park) throw new PermanentError(`park ${data.parkId} does not exist`, [{ path: 'data.parkId', message: 'unknown park' }]);
    if (park.region !== region) {
      throw new PermanentError(`park ${park.id} is in ${park.region}, not ${region}`, [
        { path: 'data.parkId', message: `park is in ${park.region}; the event acts for ${region}` },
      ]);
    }
    const { applied } = await commands.submit(data, { causationEventId: id });
    return { applied };
  };
}
