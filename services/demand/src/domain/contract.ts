import { DomainRuleViolation } from './errors';
import type { CommissionRule } from './money';
import { assertFen, computeCommissionFen } from './money';
import type { Enterprise, TransferMode } from './need';
import { defineStateMachine } from './state-machine';

/** The five 技术合同 types of the Civil Code / contract registration rules. */
export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export type ContractStatus = 'drafted' | 'signed' | 'registered' | 'terminated';
export const contractMachine = defineStateMachine<ContractStatus, 'sign' | 'register' | 'terminate'>('contract', {
  sign: { from: ['drafted'], to: 'signed' },
  register: { from: ['signed'], to: 'registered' },
  // The public contract (contract.terminated.v1) allows ending a contract before or after registration.
  terminate: { from: ['drafted', 'signed', 'registered'], to: 'terminated' },
});

/** Which contract type a transfer mode usually becomes; the parties may still choose another. */
export const CONTRACT_TYPE_FOR_MODE: Record<TransferMode, ContractType> = {
  transfer: 'transfer',
  'equity-in-kind': 'transfer',
  license: 'license',
  'use-first-pay-later': 'license',
  'co-development': 'development',
};

export interface Seller {
  institutionId: string;
  name: string;
  /** university, research-institute, new-rnd-institution, hospital, enterprise */
  kind: string;
  region: string;
}

export interface TechnologyManager {
  id: string;
  name: string;
}

export interface ContractInput {
  type: ContractType;
  title: string;
  seller: Seller;
  buyer: Enterprise;
  valueFen: number;
  /** 技术经理人 who brokered the deal; paid by commissionRule. */
  manager: TechnologyManager;
  commissionRule: CommissionRule;
  technologyId: string;
  demandId?: string;
  matchId?: string;
  landingParkId?: string;
}

export interface Registrar {
  name: string;
  creditCode?: string;
  region: string;
}

export interface Contract extends ContractInput {
  contractId: string;
  status: ContractStatus;
  commissionFen: number;
  draftedAt: string;
  signedAt?: string;
  registration?: { number: string; registrar: Registrar; confirmedValueFen: number; registeredAt: string };
  terminatedAt?: string;
  terminationReason?: string;
}

const REGISTRATION_NUMBER = /^[0-9A-Za-z-]{4,40}$/;

export function draftContract(contractId: string, input: ContractInput, now: Date): Contract {
  assertFen(input.valueFen, 'valueFen');
  if (input.valueFen === 0) throw new DomainRuleViolation('zero-value', 'a contract needs a value', 'valueFen');
  const commissionFen = computeCommissionFen(input.valueFen, input.commissionRule, 'commissionRule');
  return { ...input, contractId, status: 'drafted', commissionFen, draftedAt: now.toISOString() };
}

export function signContract(contract: Contract, now: Date): Contract {
  return { ...contract, status: contractMachine.next(contract.status, 'sign'), signedAt: now.toISOString() };
}

/** Registration at the technology market confirms the transaction value (核定技术交易额). */
export function registerContract(
  contract: Contract,
  registration: { number: string; registrar: Registrar; confirmedValueFen: number },
  now: Date,
): Contract {
  const status = contractMachine.next(contract.status, 'register');
  if (!REGISTRATION_NUMBER.test(registration.number)) {
    throw new DomainRuleViolation(
      'invalid-registration-number',
      'registration number must be 4–40 letters, digits or dashes',
      'registrationNumber',
    );
  }
  assertFen(registration.confirmedValueFen, 'confirmedValueFen');
  if (registration.confirmedValueFen > contract.valueFen) {
    throw new DomainRuleViolation(
      'confirmed-exceeds-value',
      'the confirmed transaction value cannot exceed the contract value',
      'confirmedValueFen',
    );
  }
  return { ...contract, status, registration: { ...registration, registeredAt: now.toISOString() } };
}

export function terminateContract(contract: Contract, reason: string, now: Date): Contract {
  const status = contractMachine.next(contract.status, 'terminate');
  if (!reason.trim()) throw new DomainRuleViolation('no-reason', 'a termination needs a reason', 'reason');
  return { ...contract, status, terminatedAt: now.toISOString(), terminationReason: reason };
}

/** Either party's region may act on a contract (seller's or buyer's agency). */
export function contractRegions(contract: Pick<Contract, 'seller' | 'buyer'>): string[] {
  return [...new Set([contract.seller.region, contract.buyer.region])];
}
