import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import type { TechnologyCommands } from '../commands';

/**
 * A signed technology contract transfers the technology it names. Idempotent twice over: the
 * store ignores a ce_id it already applied, and the domain ignores the same contract again.
 */
export function onContractSigned(commands: TechnologyCommands): EventHandler {
  return async (event) => {
    const { id, data } = event as CorridorEvent<'corridor.demand.contract.signed.v1'>;
    const { applied } = await commands.markTransferred(
      data.technologyId,
      {
        contractId: data.contractId,
        type: data.type,
        valueFen: data.valueFen,
        buyer: { name: data.buyer.name, region: data.buyer.region },
        signedAt: data.signedAt,
      },
      { causationEventId: id },
    );
    return { applied };
  };
}
