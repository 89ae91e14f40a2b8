import { createEvent, creditCodeCheckChar, type EventType } from '@corridor/contracts';
import {
  type DomainEvent,
  approve,
  landingRequest,
  register,
  registerPark,
  reject,
  settle,
  startReview,
  submit,
  withdraw,
} from '../../src/domain';

// Every event the domain decides on must pass the public contract, or the outbox would carry
// events that the relay can never publish.
const NOW = '2026-11-23T10:00:00.000Z';
const code = (base17: string) => base17 + creditCodeCheckChar(base17);
const buyer = { name: 'TJ Drones Co', creditCode: code('91120116MA05TJ0D1') };
const localCode = code('91120116MA05TJ0D2');

function conform(events: { type: string; data: Record<string, unknown> }[]): void {
  for (const e of events) {
    expect(() => createEvent(e.type as EventType, { source: '/corridor/park-onboarding', region: 'CN-TJ', data: e.data as never })).not.toThrow();
  }
}

it('park registration and the whole application lifecycle emit contract-valid events', () => {
  const park = registerPark(
    'park-tj-1',
    { name: 'Binhai Science Park', kind: 'science-park', region: 'CN-TJ', city: '滨海新区', focusFields: ['low-altitude-economy'], capacity: 2, operator: { name: 'Binhai Operator' } },
    NOW,
  );
  const req = landingRequest({ contractId: 'ctr-1', technologyId: 'tech-1', landingParkId: 'park-tj-1', seller: { region: 'CN-BJ' }, buyer });
  const submitted = submit('app-1', { ...req, headcount: 12 }, park.state, NOW);
  const approved = approve(startReview(submitted.state, NOW).state, park.state, NOW);
  const registered = register(approved.state, { name: 'TJ Drones (Tianjin) Co', creditCode: localCode }, NOW);
  const settled = settle(registered.state, approved.park!, NOW);
  const events: DomainEvent[] = [submitted, approved, registered, settled].flatMap((d) => d.events);
  expect(events).toHaveLength(4);
  conform([...park.events, ...events]);
});

it('rejection and withdrawal emit contract-valid events', () => {
  const park = registerPark('park-tj-1', { name: 'Binhai', kind: 'incubator', region: 'CN-TJ', focusFields: ['new-materials'], capacity: 1, operator: { name: 'Op' } }, NOW).state;
  const a = submit('app-2', { parkId: 'park-tj-1', kind: 'relocation', enterprise: { name: 'X Co', creditCode: buyer.creditCode, originRegion: 'CN-BJ' } }, park, NOW).state;
  conform(reject(a, 'field-mismatch', 'not in our focus fields', park, NOW).events);
  conform(withdraw(a, undefined, park, NOW).events);
  conform(withdraw(a, 'moved elsewhere', park, NOW).events);
});
