import { AggregateNotFoundError, DuplicateAggregateError, type Aggregate } from '@corridor/service-kit';
import {
  CONTRACT_TYPE_FOR_MODE,
  DomainRuleViolation,
  IllegalTransition,
  contractRegions,
  draftContract,
  markContracted,
  matchMachine,
  registerContract,
  signContract,
  terminateContract,
  type CommissionRule,
  type Contract,
  type ContractInput,
  type ContractType,
  type Registrar,
  type TechnologyManager,
} from '../domain';
import { emit, newId, type DemandDeps, type Meta } from './deps';
import type { CorridorEvent } from '@corridor/contracts';

/** Either party's agency may act on a contract: `authorize` gets both regions and passes if one is allowed. */
type AuthorizeAny = (regions: string[]) => void;

export interface ContractTerms {
  type?: ContractType;
  title?: string;
  valueFen: number;
  manager: TechnologyManager;
  commissionRule: CommissionRule;
  landingParkId?: string;
}

export async function draftNewContract(
  deps: DemandDeps,
  input: ContractInput & { contractId?: string },
  meta: Meta,
  authorize: AuthorizeAny,
): Promise<Aggregate<Contract>> {
  const { contractId: requestedId, ...fields } = input;
  authorize(contractRegions(fields));
  const contractId = requestedId ?? newId('ct', meta);
  const contract = draftContract(contractId, fields, deps.now());
  // Drafts are not public: the first contract event is `signed`.
  await deps.stores.contracts.insert({ ...contract, _id: contractId }, [], { causationEventId: meta.causationEventId });
  return (await deps.stores.contracts.get(contractId))!;
}

/**
 * An accepted match becomes a contract: seller from the catalogue, buyer from the need. The
 * contract id is derived from the match, so a retry after a crash between the two writes finds
 * the contract and finishes marking the match instead of drafting a second one.
 */
export async function contractFromMatch(
  deps: DemandDeps,
  matchId: string,
  terms: ContractTerms,
  meta: Meta,
  authorize: AuthorizeAny,
): Promise<Aggregate<Contract>> {
  const match = await deps.stores.matches.get(matchId);
  if (!match) throw new AggregateNotFoundError('matches', matchId);
  const contractId = `ct-${matchId}`;
  if (match.status !== 'contracted' && !matchMachine.can(match.status, 'contract')) {
    throw new IllegalTransition('match', match.status, 'contract');
  }
  let contract = await deps.stores.contracts.get(contractId);
  if (!contract) {
    const [need, technology] = await Promise.all([deps.stores.demands.get(match.demandId), deps.stores.catalogue.get(match.technologyId)]);
    if (!need) throw new DomainRuleViolation('unknown-demand', `demand ${match.demandId} is unknown`, 'matchId');
    if (!technology?.owner || !technology.title) {
      throw new DomainRuleViolation('unknown-technology', `technology ${match.technologyId} is not in the catalogue`, 'matchId');
    }
    const mode = match.explanation.compatibleModes[0] ?? need.acceptableModes[0]!;
    const input: ContractInput = {
      type: terms.type ?? CONTRACT_TYPE_FOR_MODE[mode],
      title: terms.title ?? technology.title,
      seller: {
        institutionId: technology.owner.institutionId,
        name: technology.owner.name,
        kind: technology.owner.kind,
        region: technology.owner.region,
      },
      buyer: need.enterprise,
      valueFen: terms.valueFen,
      manager: terms.manager,
      commissionRule: terms.commissionRule,
      technologyId: match.technologyId,
      demandId: match.demandId,
      matchId,
      ...(terms.landingParkId ? { landingParkId: terms.landingParkId } : {}),
    };
    authorize(contractRegions(input));
    try {
      await deps.stores.contracts.insert({ ...draftContract(contractId, input, deps.now()), _id: contractId }, []);
    } catch (err) {
      if (!(err instanceof DuplicateAggregateError)) throw err;
    }
    contract = (await deps.stores.contracts.get(contractId))!;
  } else {
    authorize(contractRegions(contract));
  }
  await deps.stores.matches.mutate(matchId, (current) =>
    !current || current.status === 'contracted' ? null : { next: markContracted(current, contractId), events: [] },
  );
  return contract;
}

async function transition(
  deps: DemandDeps,
  contractId: string,
  meta: Meta,
  authorize: AuthorizeAny,
  decide: (contract: Contract, now: Date) => { next: Contract; events: CorridorEvent[] },
): Promise<Aggregate<Contract>> {
  await deps.stores.contracts.mutate(
    contractId,
    (current) => {
      if (!current) throw new AggregateNotFoundError('contracts', contractId);
      authorize(contractRegions(current));
      return decide(current, deps.now());
    },
    { causationEventId: meta.causationEventId },
  );
  return (await deps.stores.contracts.get(contractId))!;
}

const refFields = (c: Contract) => ({
  contractId: c.contractId,
  technologyId: c.technologyId,
  type: c.type,
  sellerRegion: c.seller.region,
  buyerRegion: c.buyer.region,
});

/** Contract events carry the buyer's region: that is where the technology lands. */
export function sign(deps: DemandDeps, contractId: string, meta: Meta, authorize: AuthorizeAny) {
  return transition(deps, contractId, meta, authorize, (current, now) => {
    const next = signContract(current, now);
    const data = { ...next, manager: { ...next.manager, commissionFen: next.commissionFen } };
    return { next, events: [emit('corridor.demand.contract.signed.v1', next.buyer.region, data)] };
  });
}

export function register(
  deps: DemandDeps,
  contractId: string,
  registration: { registrationNumber: string; registrar: Registrar; confirmedValueFen: number },
  meta: Meta,
  authorize: AuthorizeAny,
) {
  return transition(deps, contractId, meta, authorize, (current, now) => {
    const next = registerContract(
      current,
      { number: registration.registrationNumber, registrar: registration.registrar, confirmedValueFen: registration.confirmedValueFen },
      now,
    );
    const data = { ...refFields(next), ...registration, registeredAt: next.registration!.registeredAt };
    return { next, events: [emit('corridor.demand.contract.registered.v1', next.buyer.region, data)] };
  });
}

export function terminate(deps: DemandDeps, contractId: string, reason: string, meta: Meta, authorize: AuthorizeAny) {
  return transition(deps, contractId, meta, authorize, (current, now) => {
    const next = terminateContract(current, reason, now);
    const data = { ...refFields(next), reason, terminatedAt: next.terminatedAt };
    return { next, events: [emit('corridor.demand.contract.terminated.v1', next.buyer.region, data)] };
  });
}
