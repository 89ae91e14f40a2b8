import type { EventHandler } from '@corridor/service-kit';
import type { FundCommands } from '../commands';
import type { FundProjections } from '../projections';
import { contractSigned } from './corridor.demand.contract.signed.v1';
import { loanRegisterRequested } from './corridor.fund.loan.register-requested.v1';
import { enterpriseSettled } from './corridor.park.enterprise.settled.v1';
import { technologyPocCompleted } from './corridor.supply.technology.poc-completed.v1';

/** Events from other services that fund keeps projections of (topics: park application, supply technology, demand contract). */
export function projectionHandlers(projections: FundProjections): Record<string, EventHandler> {
  return {
    'corridor.park.enterprise.settled.v1': enterpriseSettled(projections),
    'corridor.supply.technology.poc-completed.v1': technologyPocCompleted(projections),
    'corridor.demand.contract.signed.v1': contractSigned(projections),
  };
}

/** Agency commands on corridor.fund.ingest.v1. */
export function ingestHandlers(commands: FundCommands): Record<string, EventHandler> {
  return { 'corridor.fund.loan.register-requested.v1': loanRegisterRequested(commands) };
}
