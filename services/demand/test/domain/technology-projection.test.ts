import { applyTechnologyFact, isMatchable, technologyOrderKey, type CatalogueEntry, type TechnologyFact } from '../../src/domain';

const at = (minute: number, id: string) => technologyOrderKey(`2026-11-23T10:${String(minute).padStart(2, '0')}:00Z`, id);

const published: TechnologyFact = {
  eventId: 'e1',
  kind: 'published',
  technologyId: 't1',
  order: at(1, 'e1'),
  fields: {
    title: 'Solid-state electrolyte',
    summary: 'Sulfide electrolyte',
    field: 'new-energy',
    keywords: ['electrolyte'],
    region: 'CN-BJ',
    owner: { institutionId: 'inst-1', name: 'Institute', kind: 'research-institute', region: 'CN-BJ' },
    trl: 5,
    transferModes: ['license'],
    askingPriceFen: 100_000_00,
  },
};
const updated: TechnologyFact = { eventId: 'e2', kind: 'updated', technologyId: 't1', order: at(2, 'e2'), fields: { title: 'Solid-state electrolyte v2' } };
const poc: TechnologyFact = { eventId: 'e3', kind: 'poc-completed', technologyId: 't1', order: at(3, 'e3'), fields: { trl: 6 } };
const pilot: TechnologyFact = { eventId: 'e4', kind: 'pilot-completed', technologyId: 't1', order: at(4, 'e4'), fields: { trl: 7 } };
const withdrawn: TechnologyFact = { eventId: 'e5', kind: 'withdrawn', technologyId: 't1', order: at(5, 'e5'), fields: {} };

function fold(facts: TechnologyFact[]): CatalogueEntry | undefined {
  return facts.reduce<CatalogueEntry | undefined>((entry, fact) => applyTechnologyFact(entry, fact).entry, undefined);
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]));
}

describe('technology catalogue projection', () => {
  it('builds the entry from the events in order', () => {
    const entry = fold([published, updated, poc, pilot])!;
    expect(entry).toMatchObject({ technologyId: 't1', status: 'published', title: 'Solid-state electrolyte v2', trl: 7, lastOrder: at(4, 'e4') });
    expect(isMatchable(entry)).toBe(true);
  });

  it('ends in the same entry for every arrival order (order-safe)', () => {
    const expected = fold([published, updated, poc, pilot, withdrawn]);
    for (const order of permutations([published, updated, poc, pilot, withdrawn])) {
      expect(fold(order)).toEqual(expected);
    }
    expect(expected!.status).toBe('withdrawn');
    expect(isMatchable(expected!)).toBe(false);
  });

  it('changes nothing when an event is applied again (idempotent)', () => {
    const once = fold([published, poc])!;
    const again = applyTechnologyFact(once, poc);
    expect(again.changed).toBe(false);
    expect(again.entry).toEqual(once);
    const olderAgain = applyTechnologyFact(once, published);
    expect(olderAgain.changed).toBe(false);
    expect(olderAgain.entry.trl).toBe(6);
  });

  it('is not matchable until the published event has arrived', () => {
    const early = fold([poc])!;
    expect(early.status).toBe('unknown');
    expect(isMatchable(early)).toBe(false);
    expect(isMatchable(fold([poc, published])!)).toBe(true);
  });

  it('orders two changes in the same millisecond by event id, whatever the arrival order', () => {
    const a: TechnologyFact = { eventId: 'a', kind: 'poc-completed', technologyId: 't1', order: at(3, 'a'), fields: { trl: 6 } };
    const b: TechnologyFact = { eventId: 'b', kind: 'pilot-completed', technologyId: 't1', order: at(3, 'b'), fields: { trl: 7 } };
    expect(fold([published, a, b])!.trl).toBe(7);
    expect(fold([published, b, a])!.trl).toBe(7);
  });

  it('takes the status an update carries, and sorts unparsable times first', () => {
    const toDraft: TechnologyFact = { eventId: 'u', kind: 'updated', technologyId: 't1', order: at(9, 'u'), fields: {}, status: 'draft' };
    expect(fold([published, toDraft])!.status).toBe('draft');
    expect(technologyOrderKey('not a time', 'x') < at(0, 'a')).toBe(true);
  });

  it('does not revive a transferred technology with a late, older update', () => {
    const transferred: TechnologyFact = { eventId: 'e6', kind: 'transferred', technologyId: 't1', order: at(6, 'e6'), fields: {} };
    const entry = fold([published, transferred, updated])!;
    expect(entry.status).toBe('transferred');
    expect(entry.title).toBe('Solid-state electrolyte v2');
  });
});
