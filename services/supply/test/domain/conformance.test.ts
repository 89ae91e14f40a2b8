import { createEvent, type EventType } from '@corridor/contracts';
import { type DomainEvent, createDraft, markTransferred, publish, recordPilot, recordPoc, update, withdraw } from '../../src/domain';

// Every event the domain decides on must pass the public contract, or the outbox would carry
// events that the relay can never publish.
const NOW = '2026-11-23T10:00:00.000Z';
const draft = createDraft(
  'tech-bj-0001',
  {
    title: 'Solid-state lidar',
    summary: 'MEMS lidar for low-altitude drones',
    field: 'low-altitude-economy',
    keywords: ['lidar', 'mems'],
    owner: { institutionId: 'inst-bio', name: 'Beijing Institute of Optics', kind: 'research-institute', region: 'CN-BJ' },
    region: 'CN-BJ',
    city: '海淀区',
    trl: 3,
    patents: [{ number: 'CN202310000001.1', title: 'MEMS mirror' }],
    transferModes: ['license', 'equity-in-kind'],
    askingPriceFen: 500_000_000,
  },
);

function conform(events: DomainEvent[]): void {
  for (const e of events) {
    expect(() =>
      createEvent(e.type as EventType, { source: '/corridor/supply', region: 'CN-BJ', data: e.data as never }),
    ).not.toThrow();
  }
}

it('the whole lifecycle emits contract-valid events', () => {
  const published = publish(draft, NOW);
  const updated = update(published.state, { keywords: ['lidar', 'mems', 'uav'] }, NOW);
  const poc = recordPoc(updated.state, 'poc-1', { center: { id: 'zgc-poc', name: 'ZGC PoC Center', region: 'CN-BJ' }, passed: true, reportSummary: 'ok', costFen: 1000, completedAt: NOW }, NOW);
  const pilot = recordPilot(poc.state, 'pilot-1', { center: { id: 'tj-pilot', name: 'Tianjin Pilot Base', region: 'CN-TJ' }, passed: false, reportSummary: 'yield too low', batchSize: 50, yieldBasisPoints: 6200, completedAt: NOW }, NOW);
  const transferred = markTransferred(pilot.state, { contractId: 'ctr-1', type: 'transfer', valueFen: 1, buyer: { name: 'TJ Drones', region: 'CN-TJ' }, signedAt: NOW });
  const all = [published, updated, poc, pilot, transferred].flatMap((d) => d.events);
  expect(all).toHaveLength(5);
  conform(all);
});

it('withdrawal emits a contract-valid event', () => {
  const { events } = withdraw(publish(draft, NOW).state, 'no longer offered', NOW);
  expect(events).toHaveLength(1);
  conform(events);
});
