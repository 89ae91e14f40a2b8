import { setupState } from './state';

/** Stops only what the matching global setup started, and forgets its env URLs. */
export default async function globalTeardown(): Promise<void> {
  const state = setupState();
  const owner = state.owners.at(-1);
  if (owner && owner.depth === state.depth) {
    state.owners.pop();
    await Promise.all([owner.kafka?.destroy(), owner.mongo?.destroy()]);
    if (owner.kafka) delete process.env.KAFKA_BROKERS;
    if (owner.mongo) delete process.env.MONGO_URL;
  }
  state.depth = Math.max(0, state.depth - 1);
}
