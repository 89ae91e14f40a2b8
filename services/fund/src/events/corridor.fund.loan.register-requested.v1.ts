import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import { loanInputFromCommand, type FundCommands } from '../commands';
import { DomainError } from '../domain';

/**
 * Agency ingest: the same command as POST /pools/:id/loans. The kit has already checked that the
 * source may act for the claimed region (ce_region); here the pool must also belong to that
 * region, or an agency could register loans into another region's pool by claiming its own.
 */
export const loanRegisterRequested =
  (commands: FundCommands): EventHandler =>
  async (raw) => {
    const event = raw as CorridorEvent<'corridor.fund.loan.register-requested.v1'>;
    // A DomainError (`permanent: true`) is rejected at once by the kit's consumer, naming data.<field>.
    const result = await commands.registerLoan(event.data.poolId, loanInputFromCommand(event.data), {
      causationEventId: event.id,
      authorize: (region) => {
        if (region !== event.region) {
          throw new DomainError('invalid', `pool ${event.data.poolId} is in ${region}, not in the claimed region ${event.region}`, 'poolId');
        }
      },
    });
    return { applied: result.created };
  };
