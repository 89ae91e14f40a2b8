import {
  dlqTopic,
  eventCatalogue,
  EVENT_TYPES,
  ingestCommandTypes,
  ingestTopic,
  rejectionsTopic,
  rejectionTypeFor,
  SERVICES,
  topicCatalogue,
  topicFor,
  topicSpec,
} from '../src';

describe('event catalogue', () => {
  it('covers the whole DESIGN.md §3 catalogue', () => {
    const expected = [
      ...['published', 'updated', 'withdrawn', 'poc-completed', 'pilot-completed', 'transferred'].map(
        (v) => `corridor.supply.technology.${v}.v1`,
      ),
      ...[
        'demand.published',
        'demand.closed',
        'challenge.posted',
        'challenge.bid-submitted',
        'challenge.awarded',
        'match.proposed',
        'match.accepted',
        'match.declined',
        'contract.signed',
        'contract.registered',
        'contract.terminated',
      ].map((v) => `corridor.demand.${v}.v1`),
      ...[
        'park.registered',
        'application.submitted',
        'application.approved',
        'application.rejected',
        'application.withdrawn',
        'enterprise.registered',
        'enterprise.settled',
      ].map((v) => `corridor.park.${v}.v1`),
      ...[
        'fund.established',
        'investment.committed',
        'investment.disbursed',
        'investment.converted',
        'loan.registered',
        'loan.defaulted',
        'loan.compensated',
      ].map((v) => `corridor.fund.${v}.v1`),
      'corridor.supply.technology.publish-requested.v1',
      'corridor.demand.demand.publish-requested.v1',
      'corridor.park.application.submit-requested.v1',
      'corridor.fund.loan.register-requested.v1',
      ...SERVICES.map((s) => `corridor.${s}.ingest.rejected.v1`),
    ];
    expect([...EVENT_TYPES].sort()).toEqual(expected.sort());
  });

  it.each(EVENT_TYPES)('%s follows the naming rules and lives on a declared topic', (type) => {
    const spec = eventCatalogue[type];
    expect(type).toMatch(/^corridor\.(supply|demand|park|fund)\.[a-z]+\.[a-z-]+\.v\d+$/);
    expect(topicSpec(spec.topic)).toBeDefined();
    expect(topicFor(type)).toBe(spec.topic);
    expect(typeof (spec.example as Record<string, unknown>)[spec.subjectField]).toBe('string');
    expect(spec.description.length).toBeGreaterThan(10);
  });

  it('ingest commands go to the ingest topic of their service, rejections back to the rejections topic', () => {
    for (const svc of SERVICES) {
      const commands = ingestCommandTypes(svc);
      expect(commands).toHaveLength(1);
      for (const c of commands) expect(topicFor(c)).toBe(ingestTopic(svc));
      expect(topicFor(rejectionTypeFor(svc))).toBe(rejectionsTopic(svc));
    }
  });
});

describe('topic catalogue', () => {
  it('matches the ARCHITECTURE.md table', () => {
    const partitions = Object.fromEntries(topicCatalogue.map((t) => [t.name, t.partitions]));
    expect(partitions).toMatchObject({
      'corridor.supply.technology.v1': 6,
      'corridor.demand.demand.v1': 6,
      'corridor.demand.challenge.v1': 3,
      'corridor.demand.match.v1': 6,
      'corridor.demand.contract.v1': 6,
      'corridor.park.park.v1': 3,
      'corridor.park.application.v1': 6,
      'corridor.fund.fund.v1': 3,
      'corridor.fund.investment.v1': 6,
      'corridor.fund.loan.v1': 6,
    });
    for (const svc of SERVICES) {
      expect(partitions[ingestTopic(svc)]).toBe(6);
      expect(partitions[rejectionsTopic(svc)]).toBe(3);
      expect(partitions[dlqTopic(svc)]).toBe(1);
      expect(topicSpec(dlqTopic(svc))?.config['retention.ms']).toBe(String(30 * 24 * 3600 * 1000));
    }
    expect(topicSpec('corridor.demand.contract.v1')?.consumers).toEqual(['demand', 'supply', 'park', 'fund']);
  });

  it('keeps domain history for replay and has unique names', () => {
    for (const t of topicCatalogue.filter((x) => !/\.(ingest|dlq|rejections)\.v1$/.test(x.name))) {
      expect(t.config).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '-1' });
    }
    expect(new Set(topicCatalogue.map((t) => t.name)).size).toBe(topicCatalogue.length);
  });
});
