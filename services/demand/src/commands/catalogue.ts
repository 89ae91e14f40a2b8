import type { CorridorEvent } from '@corridor/contracts';
import { applyTechnologyFact, type TechnologyFact } from '../domain';
import type { DemandDeps, Meta } from './deps';
import { proposeForTechnology } from './matching';

/** Kinds after which the technology may fit needs it did not fit before. */
const MAY_MATCH_NEW: ReadonlySet<TechnologyFact['kind']> = new Set(['published', 'updated', 'poc-completed', 'pilot-completed']);

export const metaOf = (event: CorridorEvent): Meta => ({ causationEventId: event.id });

/**
 * Folds one supply event into the catalogue projection, then proposes matches. Proposals run
 * even when the projection had already applied the event: a crash between the two steps must not
 * lose them, and proposing is idempotent (one match id per need and technology).
 */
export async function applyTechnologyEvent(deps: DemandDeps, event: CorridorEvent, fact: TechnologyFact): Promise<{ applied: boolean }> {
  const result = await deps.stores.catalogue.mutate(
    fact.technologyId,
    (current) => {
      const { entry, changed } = applyTechnologyFact(current, fact);
      return changed ? { next: entry, events: [] } : null;
    },
    { causationEventId: event.id },
  );
  let proposed = 0;
  if (MAY_MATCH_NEW.has(fact.kind)) {
    const entry = await deps.stores.catalogue.get(fact.technologyId);
    if (entry) proposed = await proposeForTechnology(deps, entry, metaOf(event));
  }
  return { applied: result.applied || proposed > 0 };
}
