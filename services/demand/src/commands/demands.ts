import type { DemandInput } from '@corridor/contracts';
import { AggregateNotFoundError, type Aggregate } from '@corridor/service-kit';
import { closeNeed, publishNeed, type Need, type NeedInput, type NeedOutcome } from '../domain';
import { emit, newId, type DemandDeps, type Meta } from './deps';

/** POST /demands and the agency command corridor.demand.demand.publish-requested.v1 both end here. */
export async function publishDemand(
  deps: DemandDeps,
  input: DemandInput,
  meta: Meta,
  authorize: (region: string) => void,
): Promise<Aggregate<Need>> {
  const { demandId: requestedId, ...fields } = input;
  authorize(fields.enterprise.region);
  const demandId = requestedId ?? newId('dem', meta);
  const need = publishNeed(demandId, fields as NeedInput, deps.now());
  const event = emit('corridor.demand.demand.published.v1', need.region, need);
  await deps.stores.demands.insert({ ...need, _id: demandId }, [event], { causationEventId: meta.causationEventId });
  return (await deps.stores.demands.get(demandId))!;
}

export async function closeDemand(
  deps: DemandDeps,
  demandId: string,
  close: { outcome: NeedOutcome; contractId?: string; reason?: string },
  meta: Meta,
  authorize: (region: string) => void,
): Promise<Aggregate<Need>> {
  await deps.stores.demands.mutate(
    demandId,
    (current) => {
      if (!current) throw new AggregateNotFoundError('demands', demandId);
      authorize(current.region);
      const next = closeNeed(current, close, deps.now());
      return {
        next,
        events: [emit('corridor.demand.demand.closed.v1', next.region, { ...next, reason: next.closeReason })],
      };
    },
    { causationEventId: meta.causationEventId },
  );
  return (await deps.stores.demands.get(demandId))!;
}

/** Closes a still-published need as fulfilled; a need already closed (any outcome) is left alone. */
export async function fulfilDemand(deps: DemandDeps, demandId: string, contractId: string, meta: Meta) {
  return deps.stores.demands.mutate(
    demandId,
    (current) => {
      if (!current || current.status !== 'published') return null;
      const next = closeNeed(current, { outcome: 'fulfilled', contractId }, deps.now());
      return { next, events: [emit('corridor.demand.demand.closed.v1', next.region, next)] };
    },
    { causationEventId: meta.causationEventId },
  );
}
