import type { CorridorEvent } from '@corridor/contracts';
import type { EventHandler } from '@corridor/service-kit';
import { loanInputFromCommand, type FundCommands } from '../commands';
import { DomainError } from '../domain';
import { orPermanent } from './refusals';

/**
 * Agency ingest: the same command as POST /pools/:id/loans. The kit has already checked that the
 * source may act for the claimed region (ce_region); here the pool must also belong to that
 * region, or an agency could register loans into another region's pool by claiming its own.
 */
export const loanRegisterRequested =
  (commands: FundCommands): EventHandler =>
  async (raw) => {
    const event = raw as CorridorEvent<'corridor.fund.loan.register-requested.v1'>;
    return orPermanent(async () => {
      const result = await commands.registerLoan(event.data.poolId, loanInputFromCommand(event.data), {
        correlationId: event.correlationId,
        causationId: event.id,
        causationEventId: event.id,
        authorize: (region) => {
          if (region !== event.region) {
            throw new DomainError('invalid', `pool ${event.data.poolId} is in ${region}, not in the claimed region ${event.region}`, 'poolId');
          }
        },
      });
      return { applied: result.created };
    });
  };
