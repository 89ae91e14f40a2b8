import { PermanentError } from '@corridor/service-kit/errors';

export const PARK_KINDS = [
  'science-park',
  'incubator',
  'accelerator',
  'maker-space', // 众创空间
  'pilot-base', // 中试基地
  'poc-center', // 概念验证中心
] as const;
export type ParkKind = (typeof PARK_KINDS)[number];

export interface ParkDescription {
  name: string;
  kind: ParkKind;
  region: string;
  city?: string;
  focusFields: string[];
  /** How many enterprises it can host at once (approved, registered or settled). */
  capacity: number;
  operator: { name: string; creditCode?: string };
}

export interface Park extends ParkDescription {
  id: string;
  /**
   * Applications holding a place. Kept on the park document so that taking a place is one atomic
   * update guarded by the park's version: two approvals racing for the last place cannot both win.
   */
  occupants: string[];
}

export const PARK_EVENT = { registered: 'corridor.park.park.registered.v1' } as const;

/**
 * A domain rule refused a command. Never worth retrying: consumers dead-letter it at once (and tell
 * an agency why), HTTP answers 422 naming the field. The kit's errors entry point has no I/O imports.
 */
export class OnboardingRuleViolation extends PermanentError {
  constructor(
    readonly code: 'illegal-transition' | 'capacity-exhausted' | 'invalid-value',
    message: string,
    readonly field?: string,
  ) {
    super(message, [{ ...(field ? { path: field } : {}), message }]);
  }
}

export function registerPark(id: string, d: ParkDescription, now: string) {
  if (!(Number.isSafeInteger(d.capacity) && d.capacity >= 1)) {
    throw new OnboardingRuleViolation('invalid-value', 'capacity must be a positive integer', 'capacity');
  }
  const park: Park = { ...d, focusFields: [...new Set(d.focusFields)], id, occupants: [] };
  return {
    state: park,
    events: [
      {
        type: PARK_EVENT.registered,
        data: {
          parkId: id,
          name: park.name,
          kind: park.kind,
          region: park.region,
          ...(park.city !== undefined ? { city: park.city } : {}),
          focusFields: park.focusFields,
          capacity: park.capacity,
          operator: park.operator,
          registeredAt: now,
        },
      },
    ],
  };
}

export function hasRoom(park: Park): boolean {
  return park.occupants.length < park.capacity;
}

export function occupancyRatio(park: Park): number {
  return park.occupants.length / park.capacity;
}

export function occupancy(park: Park): { occupied: number; capacity: number } {
  return { occupied: park.occupants.length, capacity: park.capacity };
}

/**
 * Gives the application a place. Taking a place the application already holds is a no-op, so an
 * approval interrupted between the park and the application update can simply be retried.
 */
export function takePlace(park: Park, applicationId: string): Park {
  if (park.occupants.includes(applicationId)) return park;
  if (!hasRoom(park)) {
    throw new OnboardingRuleViolation(
      'capacity-exhausted',
      `park ${park.id} is full (${park.occupants.length} of ${park.capacity} places taken)`,
      'parkId',
    );
  }
  return { ...park, occupants: [...park.occupants, applicationId] };
}

export function releasePlace(park: Park, applicationId: string): Park {
  if (!park.occupants.includes(applicationId)) return park;
  return { ...park, occupants: park.occupants.filter((a) => a !== applicationId) };
}
