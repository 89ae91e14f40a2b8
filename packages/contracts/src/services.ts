/** Short service names as used in event types and topic names. */
export const SERVICES = ['supply', 'demand', 'park', 'fund'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** CloudEvents `source` of each Corridor service (park's deployable is called park-onboarding). */
export const SERVICE_SOURCES: Record<ServiceName, string> = {
  supply: '/corridor/supply',
  demand: '/corridor/demand',
  park: '/corridor/park-onboarding',
  fund: '/corridor/fund',
};

/** `/corridor/<service>` for our services, `/agencies/<agency-id>` for agencies. */
export const SOURCE_PATTERN =
  /^\/(corridor\/(supply|demand|park-onboarding|fund)|agencies\/[a-z0-9][a-z0-9-]{0,62})$/;

export function agencySource(agencyId: string): string {
  const source = `/agencies/${agencyId}`;
  if (!SOURCE_PATTERN.test(source))
    throw new RangeError(`agency id must be lowercase letters, digits and dashes (got ${agencyId})`);
  return source;
}

/** The agency id of an `/agencies/<id>` source, or null for any other source. */
export function agencyOfSource(source: string): string | null {
  const m = /^\/agencies\/([a-z0-9][a-z0-9-]{0,62})$/.exec(source);
  return m ? m[1]! : null;
}
