import type { CorridorEvent } from '@corridor/contracts';
import { settledKey, type Stores } from './model';

/** `applied: false` tells the kit's consumer to count the delivery as a duplicate (or an ignored event). */
export interface ProjectionOutcome {
  applied: boolean;
}

/**
 * What fund keeps from other services' events. Every write carries the event id as its
 * causation, so a redelivered event changes nothing; and 返投 progress is derived at read time
 * from these records, so it does not matter whether a settlement arrives before or after the
 * investment it qualifies.
 */
export class FundProjections {
  constructor(private readonly s: Stores) {}

  /**
   * A settled enterprise becomes a candidate for the funds of the park's region. Both the
   * applicant and its local entity count: for a relocation they are the same company, for a
   * branch or spin-off the local entity is the one that settled but investors often sign with
   * the applicant.
   */
  async enterpriseSettled(event: CorridorEvent<'corridor.park.enterprise.settled.v1'>): Promise<ProjectionOutcome> {
    const d = event.data;
    const region = d.parkRegion;
    const entities = new Map([
      [d.enterprise.creditCode, d.enterprise.name],
      [d.localEntity.creditCode, d.localEntity.name],
    ]);
    let applied = false;
    for (const [creditCode, name] of entities) {
      const settlement = {
        applicationId: d.applicationId,
        parkId: d.parkId,
        originRegion: d.enterprise.originRegion,
        settledAt: d.settledAt,
        eventId: event.id,
      };
      const result = await this.s.settled.mutate(
        settledKey(region, creditCode),
        (current) => {
          if (!current) {
            return { next: { region, creditCode, name, settlements: [settlement], firstSettledAt: d.settledAt }, events: [] };
          }
          // The same application re-announced under a new event id is still one settlement.
          if (current.settlements.some((s) => s.applicationId === d.applicationId)) return null;
          return { next: { ...current, settlements: [...current.settlements, settlement] }, events: [] };
        },
        { causationEventId: event.id },
      );
      applied ||= result.applied;
    }
    return { applied };
  }

  /** A passed PoC makes the technology eligible for its region's PoC fund; a failed one changes nothing. */
  async pocCompleted(event: CorridorEvent<'corridor.supply.technology.poc-completed.v1'>): Promise<ProjectionOutcome> {
    const d = event.data;
    if (!d.passed) return { applied: false };
    const result = await this.s.poc.mutate(
      d.technologyId,
      (current) =>
        current
          ? null
          : {
              next: {
                technologyId: d.technologyId,
                region: d.region,
                pocCenter: { id: d.pocCenterId, name: d.pocCenterName, region: d.pocCenterRegion },
                trlAfter: d.trlAfter,
                stageAfter: d.stageAfter,
                passedAt: d.completedAt,
                eventId: event.id,
              },
              events: [],
            },
      { causationEventId: event.id },
    );
    return { applied: result.applied };
  }

  /** A signed contract is a co-investment opportunity for the funds of the buyer's region. */
  async contractSigned(event: CorridorEvent<'corridor.demand.contract.signed.v1'>): Promise<ProjectionOutcome> {
    const d = event.data;
    const result = await this.s.opportunities.mutate(
      d.contractId,
      (current) =>
        current
          ? null
          : {
              next: {
                contractId: d.contractId,
                technologyId: d.technologyId,
                buyerRegion: d.buyer.region,
                buyer: { name: d.buyer.name, creditCode: d.buyer.creditCode, region: d.buyer.region, ...(d.buyer.city ? { city: d.buyer.city } : {}) },
                seller: { name: d.seller.name, region: d.seller.region },
                title: d.title,
                valueFen: d.valueFen,
                ...(d.landingParkId ? { landingParkId: d.landingParkId } : {}),
                signedAt: d.signedAt,
                eventId: event.id,
              },
              events: [],
            },
      { causationEventId: event.id },
    );
    return { applied: result.applied };
  }
}
