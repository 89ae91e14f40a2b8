import {
  APPLICATION_EVENT,
  APPLICATION_STATUSES,
  type Application,
  type ApplicationAction,
  type ApplicationStatus,
  OnboardingRuleViolation,
  type Park,
  approve,
  canPerform,
  landingRequest,
  occupancyRatio,
  register,
  registerPark,
  reject,
  settle,
  startReview,
  submit,
  withdraw,
} from '../../src/domain';

const NOW = '2026-11-23T10:00:00.000Z';

function park(capacity: number, occupants: string[] = []): Park {
  const { state } = registerPark(
    'p-1',
    {
      name: 'Binhai Science Park',
      kind: 'science-park',
      region: 'CN-TJ',
      focusFields: ['artificial-intelligence', 'artificial-intelligence'],
      capacity: Math.max(capacity, 1),
      operator: { name: 'Binhai Park Operator' },
    },
    NOW,
  );
  // Capacity 0 cannot be registered; tests build it to prove approve never divides places it lacks.
  return { ...state, capacity, occupants };
}

function application(status: ApplicationStatus, id = 'a-1'): Application {
  const { state } = submit(
    id,
    { parkId: 'p-1', kind: 'relocation', enterprise },
    park(10),
    NOW,
  );
  return { ...state, status };
}

const enterprise = { name: 'Lidar Co', creditCode: '91110108MA01A2B3C4', originRegion: 'CN-BJ' };
const local = { name: 'Lidar (Tianjin) Co', creditCode: '91120116MA05XXXX1X' };
const actions: Record<ApplicationAction, (a: Application) => unknown> = {
  review: (a) => startReview(a, NOW),
  approve: (a) => approve(a, park(10), NOW),
  reject: (a) => reject(a, 'field-mismatch', 'out of focus', park(10), NOW),
  withdraw: (a) => withdraw(a, undefined, park(10, [a.id]), NOW),
  register: (a) => register(a, local, NOW),
  settle: (a) => settle({ ...a, localEntity: { ...local, region: 'CN-TJ' } }, park(10, [a.id]), NOW),
};

describe('application state machine', () => {
  const cases = APPLICATION_STATUSES.flatMap((s) =>
    (Object.keys(actions) as ApplicationAction[]).map((a) => [s, a, canPerform(s, a)] as const),
  );

  it.each(cases)('%s + %s allowed=%p', (status, action, allowed) => {
    const run = () => actions[action](application(status));
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(OnboardingRuleViolation);
  });

  it('follows submitted → under review → approved → registered → settled', () => {
    let a = application('submitted');
    a = startReview(a, NOW).state;
    const approved = approve(a, park(1), NOW);
    a = register(approved.state, local, NOW).state;
    expect(a.localEntity).toEqual({ ...local, region: 'CN-TJ' });
    const settled = settle(a, approved.park!, NOW);
    expect(settled.state.status).toBe('settled');
    expect(settled.events).toEqual([
      {
        type: APPLICATION_EVENT.settled,
        data: expect.objectContaining({
          enterprise,
          parkRegion: 'CN-TJ',
          localEntity: { ...local, region: 'CN-TJ' },
          occupancy: { occupied: 1, capacity: 1 },
        }),
      },
    ]);
  });

  it('skipping review, settling before registration and leaving a final state are refused', () => {
    expect(canPerform('submitted', 'approve')).toBe(false);
    expect(canPerform('approved', 'settle')).toBe(false);
    for (const final of ['settled', 'rejected', 'withdrawn'] as const) {
      for (const action of Object.keys(actions) as ApplicationAction[]) expect(canPerform(final, action)).toBe(false);
    }
  });
});

describe('capacity', () => {
  it('approval takes a place', () => {
    const { park: after, events } = approve(application('under-review'), park(2, ['x']), NOW);
    expect(after?.occupants).toEqual(['x', 'a-1']);
    expect(events).toEqual([
      { type: APPLICATION_EVENT.approved, data: expect.objectContaining({ occupancy: { occupied: 2, capacity: 2 } }) },
    ]);
  });

  it('the last place can be taken (one free place left)', () => {
    const { park: after } = approve(application('under-review'), park(3, ['x', 'y']), NOW);
    expect(after && occupancyRatio(after)).toBe(1);
  });

  it('a park exactly full refuses the approval', () => {
    expect(() => approve(application('under-review'), park(2, ['x', 'y']), NOW)).toThrow(
      expect.objectContaining({ code: 'capacity-exhausted', field: 'parkId' }),
    );
  });

  it('a park with no capacity refuses every approval', () => {
    expect(() => approve(application('under-review'), park(0), NOW)).toThrow(OnboardingRuleViolation);
  });

  it('approving again after an interrupted approval does not take a second place', () => {
    const { park: after } = approve(application('under-review'), park(1, ['a-1']), NOW);
    expect(after?.occupants).toEqual(['a-1']);
  });

  it('withdrawing after approval releases the place', () => {
    const { park: after } = withdraw(application('approved'), 'changed plans', park(1, ['a-1']), NOW);
    expect(after?.occupants).toEqual([]);
  });

  it('rejecting gives back a place an interrupted approval reserved', () => {
    expect(reject(application('under-review'), 'other', 'no', park(1, ['a-1']), NOW).park?.occupants).toEqual([]);
    expect(reject(application('under-review'), 'other', 'no', park(1, ['x']), NOW).park).toBeUndefined();
  });

  it('withdrawing before approval leaves the park untouched', () => {
    expect(withdraw(application('submitted'), undefined, park(1, ['other']), NOW).park).toBeUndefined();
  });

  it.each([0, -1, 1.5])('refuses capacity %p', (capacity) => {
    const d = { name: 'x', kind: 'incubator' as const, region: 'CN-TJ', focusFields: ['new-materials'], capacity, operator: { name: 'op' } };
    expect(() => registerPark('p', d, NOW)).toThrow(/capacity/);
  });
});

describe('landing of a signed contract', () => {
  it('applies for the buyer, counting the seller region as origin', () => {
    const buyer = { name: 'TJ Robotics', creditCode: '91120116MA05XXXX1X' };
    const req = landingRequest({ contractId: 'c-1', technologyId: 't-1', landingParkId: 'p-1', seller: { region: 'CN-BJ' }, buyer });
    expect(req).toEqual({
      parkId: 'p-1',
      kind: 'landing',
      contractId: 'c-1',
      technologyId: 't-1',
      enterprise: { name: 'TJ Robotics', creditCode: buyer.creditCode, originRegion: 'CN-BJ' },
    });
    const { state, events } = submit('a-9', req, park(5), NOW);
    expect(state.parkRegion).toBe('CN-TJ');
    expect(events[0]?.data).toEqual(expect.objectContaining({ contractId: 'c-1', kind: 'landing' }));
  });

  it('a landing application without a contract is refused', () => {
    expect(() => submit('a', { parkId: 'p-1', kind: 'landing', enterprise }, park(1), NOW)).toThrow(/contract/);
  });
});
