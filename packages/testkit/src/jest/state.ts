import type { KafkaHandle } from '../kafka';
import type { MongoHandle } from '../mongo';

/**
 * Shared between the global setup and teardown modules, which jest may load as separate module
 * instances in the same process; the nesting depth makes extra setup calls (per-project hooks
 * under a root run) no-ops and lets only the matching teardown stop what was started.
 */
export interface SetupState {
  depth: number;
  owners: { depth: number; kafka?: KafkaHandle; mongo?: MongoHandle }[];
}

const KEY = Symbol.for('corridor.testkit.globalSetup');

export function setupState(): SetupState {
  const holder = globalThis as unknown as Record<symbol, SetupState | undefined>;
  holder[KEY] ??= { depth: 0, owners: [] };
  return holder[KEY];
}
