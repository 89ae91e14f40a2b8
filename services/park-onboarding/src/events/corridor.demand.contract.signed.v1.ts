import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import type { OnboardingCommands } from '../commands';

/**
 * A signed contract that names a landing park opens the landing application by itself (origin =
 * the seller's region). Its id is derived from the contract id, so redeliveries, replays and a
 * re-published contract find the application already there.
 */
export function onContractSigned(commands: OnboardingCommands): EventHandler {
  return async (event) => {
    const { id, data } = event as CorridorEvent<'corridor.demand.contract.signed.v1'>;
    if (!data.landingParkId) return undefined; // no landing named: nothing for parks to do
    const { applied } = await commands.openLanding(
      {
        contractId: data.contractId,
        technologyId: data.technologyId,
        landingParkId: data.landingParkId,
        seller: { region: data.seller.region },
        buyer: {
          ...(data.buyer.enterpriseId ? { enterpriseId: data.buyer.enterpriseId } : {}),
          name: data.buyer.name,
          creditCode: data.buyer.creditCode,
        },
      },
      { causationEventId: id },
    );
    return { applied };
  };
}
