import {
  TECHNOLOGY_EVENT,
  TECHNOLOGY_STATUSES,
  type Technology,
  type TechnologyAction,
  type TechnologyDescription,
  type TechnologyStatus,
  TechnologyRuleViolation,
  canPerform,
  createDraft,
  markTransferred,
  publish,
  recordPilot,
  recordPoc,
  update,
  withdraw,
} from '../../src/domain';

const NOW = '2026-11-23T10:00:00.000Z';
const description: TechnologyDescription = {
  title: 'Solid-state lidar',
  summary: 'MEMS lidar for low-altitude drones',
  field: 'low-altitude-economy',
  keywords: ['lidar', 'mems', 'lidar'],
  owner: { institutionId: 'inst-bio', name: 'Beijing Institute of Optics', kind: 'research-institute', region: 'CN-BJ' },
  region: 'CN-BJ',
  trl: 3,
  patents: [{ number: 'CN202310000001.1', title: 'MEMS mirror' }],
  transferModes: ['license', 'equity-in-kind'],
  askingPriceFen: 500_000_000,
};

function inStatus(status: TechnologyStatus): Technology {
  return { ...createDraft('t-1', description), status };
}

const contract = { contractId: 'c-1', type: 'transfer', valueFen: 300_000_000, buyer: { name: 'TJ Drones', region: 'CN-TJ' }, signedAt: NOW };
const poc = { center: { id: 'zgc-poc', name: 'Zhongguancun PoC Center', region: 'CN-BJ' }, passed: true, reportSummary: 'works', completedAt: NOW };
const pilot = { center: { id: 'tj-pilot', name: 'Tianjin pilot base', region: 'CN-TJ' }, passed: true, reportSummary: 'scaled', completedAt: NOW };

const actions: Record<TechnologyAction, (t: Technology) => unknown> = {
  publish: (t) => publish(t, NOW),
  update: (t) => update(t, { title: 'x' }, NOW),
  withdraw: (t) => withdraw(t, 'no longer offered', NOW),
  transfer: (t) => markTransferred(t, { ...contract, contractId: 'c-other' }),
  'record-poc': (t) => recordPoc(t, 'r-1', poc, NOW),
  'record-pilot': (t) => recordPilot(t, 'r-1', pilot, NOW),
};

describe('technology state machine', () => {
  const cases = TECHNOLOGY_STATUSES.flatMap((s) =>
    (Object.keys(actions) as TechnologyAction[]).map((a) => [s, a, canPerform(s, a)] as const),
  );

  it.each(cases)('%s + %s allowed=%p', (status, action, allowed) => {
    const run = () => actions[action](inStatus(status));
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(TechnologyRuleViolation);
  });

  it('the lifecycle is draft → published → transferred | withdrawn', () => {
    expect(canPerform('draft', 'transfer')).toBe(false);
    expect(canPerform('transferred', 'withdraw')).toBe(false);
    expect(canPerform('withdrawn', 'publish')).toBe(false);
    expect(canPerform('published', 'publish')).toBe(false);
  });

  it('a refusal names the status field', () => {
    try {
      publish(inStatus('withdrawn'), NOW);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(TechnologyRuleViolation);
      expect((e as TechnologyRuleViolation).field).toBe('status');
      expect((e as TechnologyRuleViolation).code).toBe('illegal-transition');
    }
  });
});

describe('technology commands', () => {
  it('a draft derives its stage and de-duplicates keywords', () => {
    const t = createDraft('t-1', description);
    expect(t.status).toBe('draft');
    expect(t.stage).toBe('research');
    expect(t.keywords).toEqual(['lidar', 'mems']);
  });

  it('refuses an out-of-range TRL, a fractional price and no transfer modes', () => {
    expect(() => createDraft('t', { ...description, trl: 10 })).toThrow(/TRL/);
    expect(() => createDraft('t', { ...description, askingPriceFen: 1.5 })).toThrow(/fen/);
    expect(() => createDraft('t', { ...description, transferModes: [] })).toThrow(/transfer mode/);
  });

  it('publishing emits published with the catalogue snapshot', () => {
    const { state, events } = publish(createDraft('t-1', description), NOW);
    expect(state.status).toBe('published');
    expect(events).toEqual([
      { type: TECHNOLOGY_EVENT.published, data: expect.objectContaining({ technologyId: 't-1', trl: 3, stage: 'research' }) },
    ]);
  });

  it('editing a draft is silent, editing a published technology emits updated', () => {
    expect(update(inStatus('draft'), { trl: 5 }, NOW).events).toEqual([]);
    const { state, events } = update(inStatus('published'), { trl: 5, title: 'Solid-state lidar' }, NOW);
    expect(state.stage).toBe('development');
    expect(events).toEqual([
      { type: TECHNOLOGY_EVENT.updated, data: expect.objectContaining({ changedFields: ['trl'], stage: 'development' }) },
    ]);
  });

  it('an edit that changes nothing emits nothing', () => {
    expect(update(inStatus('published'), { title: description.title }, NOW).events).toEqual([]);
  });

  it('the region cannot move', () => {
    expect(() => update(inStatus('draft'), { region: 'CN-TJ' }, NOW)).toThrow(/region/);
  });

  it('withdrawing a draft emits nothing, withdrawing a published one emits withdrawn', () => {
    expect(withdraw(inStatus('draft'), 'typo', NOW).events).toEqual([]);
    const { state, events } = withdraw(inStatus('published'), 'licensed elsewhere', NOW);
    expect(state.status).toBe('withdrawn');
    expect(events[0]).toEqual({
      type: TECHNOLOGY_EVENT.withdrawn,
      data: { technologyId: 't-1', region: 'CN-BJ', reason: 'licensed elsewhere', withdrawnAt: NOW },
    });
  });

  it('a signed contract transfers once; the same contract again decides nothing', () => {
    const first = markTransferred(inStatus('published'), contract);
    expect(first.state.status).toBe('transferred');
    expect(first.state.transfer).toEqual({
      contractId: 'c-1',
      contractType: 'transfer',
      valueFen: 300_000_000,
      buyer: { name: 'TJ Drones', region: 'CN-TJ' },
      transferredAt: NOW,
    });
    expect(first.events.map((e) => e.type)).toEqual([TECHNOLOGY_EVENT.transferred]);
    const again = markTransferred(first.state, contract);
    expect(again.events).toEqual([]);
    expect(again.state).toBe(first.state);
  });

  it('a second, different contract cannot transfer it again', () => {
    const { state } = markTransferred(inStatus('published'), contract);
    expect(() => markTransferred(state, { ...contract, contractId: 'c-2' })).toThrow(TechnologyRuleViolation);
  });

  it('a passed PoC raises TRL and stage and emits poc-completed', () => {
    const { state, events } = recordPoc(inStatus('published'), 'poc-1', poc, NOW);
    expect(state.trl).toBe(4);
    expect(state.stage).toBe('development');
    expect(state.pocResults).toHaveLength(1);
    expect(events).toEqual([
      {
        type: TECHNOLOGY_EVENT.pocCompleted,
        data: expect.objectContaining({ pocCenterId: 'zgc-poc', passed: true, trlBefore: 3, trlAfter: 4, stageAfter: 'development' }),
      },
    ]);
  });

  it('a failed pilot is recorded, emitted and leaves the TRL alone', () => {
    const { state, events } = recordPilot(inStatus('published'), 'p-1', { ...pilot, passed: false }, NOW);
    expect(state.trl).toBe(3);
    expect(state.pilotResults[0]).toEqual(expect.objectContaining({ passed: false, trlBefore: 3, trlAfter: 3 }));
    expect(events[0]?.type).toBe(TECHNOLOGY_EVENT.pilotCompleted);
  });

  it('recording the same result id twice decides nothing the second time', () => {
    const first = recordPoc(inStatus('draft'), 'poc-1', poc, NOW);
    const again = recordPoc(first.state, 'poc-1', poc, NOW);
    expect(again.events).toEqual([]);
    expect(again.state.pocResults).toHaveLength(1);
  });

  it('refuses a certified TRL out of range', () => {
    expect(() => recordPilot(inStatus('draft'), 'p', { ...pilot, certifiedTrl: 11 }, NOW)).toThrow(/certified/);
  });
});
