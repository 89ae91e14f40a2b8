import type { CorridorEvent, TechnologyInput } from '@corridor/contracts';
import { applyTechnologyEvent } from '../commands/catalogue';
import type { DemandDeps } from '../commands/deps';
import { normaliseKeywords, technologyOrderKey } from '../domain';

type Published = CorridorEvent<'corridor.supply.technology.published.v1'>;

/** Shared with `updated`, which carries the same full state. */
export function technologyFields(d: Omit<TechnologyInput, 'technologyId'>) {
  return {
    title: d.title,
    summary: d.summary,
    field: d.field,
    keywords: normaliseKeywords(d.keywords),
    owner: d.owner,
    region: d.region,
    ...(d.city ? { city: d.city } : {}),
    trl: d.trl,
    transferModes: d.transferModes,
    askingPriceFen: d.askingPriceFen,
  };
}

export const onTechnologyPublished = (deps: DemandDeps) => (event: CorridorEvent) => {
  const { data } = event as Published;
  return applyTechnologyEvent(deps, event, {
    eventId: event.id,
    kind: 'published',
    technologyId: data.technologyId,
    order: technologyOrderKey(data.publishedAt, event.id),
    fields: technologyFields(data),
  });
};
