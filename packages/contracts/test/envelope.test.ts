import { CloudEvent, Kafka } from 'cloudevents';
import {
  ContractViolation,
  createEvent,
  decodeEvent,
  encodeEvent,
  eventCatalogue,
  EVENT_TYPES,
  SERVICE_SOURCES,
  type ContractIssue,
  type EventType,
  type IncomingRecord,
} from '../src';

function sourceFor(type: EventType): string {
  const producer = eventCatalogue[type].producer;
  return producer === 'agencies' ? '/agencies/tj-kjj' : SERVICE_SOURCES[producer];
}

const SIGNED = 'corridor.demand.contract.signed.v1' as const;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function signedRecord() {
  return encodeEvent(
    createEvent(SIGNED, {
      source: '/corridor/demand',
      region: 'CN-TJ',
      data: eventCatalogue[SIGNED].example,
      traceparent: TRACEPARENT,
      tracestate: 'corridor=1',
      causationId: '7d3e1d1e-3b6a-4a53-8f0a-5c7d0f0e9a01',
    }),
  );
}

/** A record as kafkajs hands it to a consumer: Buffer key, value and header values. */
function asConsumed(rec: { key: string; value: Buffer; headers: Record<string, string> }): IncomingRecord {
  return {
    key: Buffer.from(rec.key),
    value: rec.value,
    headers: Object.fromEntries(Object.entries(rec.headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

function issuesOf(fn: () => unknown): ContractIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContractViolation) return e.issues;
    throw e;
  }
  throw new Error('expected a ContractViolation');
}

function withHeaders(patch: Record<string, string | undefined>, value?: unknown): IncomingRecord {
  const rec = signedRecord();
  const headers: Record<string, string | undefined> = { ...rec.headers, ...patch };
  return asConsumed({
    key: rec.key,
    value: value === undefined ? rec.value : Buffer.from(JSON.stringify(value)),
    headers: Object.fromEntries(
      Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  });
}

describe('encode → decode round trip', () => {
  it.each(EVENT_TYPES)('%s', (type) => {
    const spec = eventCatalogue[type];
    const event = createEvent(type, { source: sourceFor(type), region: 'CN-TJ', data: spec.example });
    const record = encodeEvent(event);

    expect(record.key).toBe(event.subject);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: type,
      ce_region: 'CN-TJ',
      ce_correlationid: event.id,
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value.toString('utf8'))).toEqual(spec.example);

    const decoded = decodeEvent(asConsumed(record));
    expect(decoded).toEqual(event);
    expect(decoded.data).toEqual(spec.example);
  });

  it('carries correlation, causation and W3C trace headers', () => {
    const rec = signedRecord();
    expect(rec.headers.traceparent).toBe(TRACEPARENT);
    expect(rec.headers.tracestate).toBe('corridor=1');
    expect(rec.headers.ce_causationid).toBe('7d3e1d1e-3b6a-4a53-8f0a-5c7d0f0e9a01');
    const decoded = decodeEvent(asConsumed(rec));
    expect(decoded.traceparent).toBe(TRACEPARENT);
    expect(decoded.tracestate).toBe('corridor=1');
    expect(decoded.causationId).toBe('7d3e1d1e-3b6a-4a53-8f0a-5c7d0f0e9a01');
  });

  it('narrows data by type', () => {
    const decoded = decodeEvent(asConsumed(signedRecord()));
    if (decoded.type !== SIGNED) throw new Error('wrong type');
    expect(decoded.data.seller.region).toBe('CN-BJ');
    expect(decoded.data.buyer.region).toBe('CN-TJ');
  });

  it('reads an event written by the CloudEvents SDK in binary mode', () => {
    const ce = new CloudEvent({
      id: '2f0e7a48-1b5e-4b7c-9f0c-3f1f2d7f4a55',
      source: '/agencies/tj-kjj',
      type: 'corridor.fund.loan.register-requested.v1',
      subject: 'pool-tj-kj-01',
      time: '2026-11-23T08:00:00Z',
      datacontenttype: 'application/json',
      region: 'CN-TJ',
      data: eventCatalogue['corridor.fund.loan.register-requested.v1'].example,
    });
    const msg = Kafka.binary(ce);
    const headers = Object.fromEntries(
      Object.entries(msg.headers as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const decoded = decodeEvent({ key: 'pool-tj-kj-01', value: JSON.stringify(msg.value), headers });
    expect(decoded.type).toBe('corridor.fund.loan.register-requested.v1');
    expect(decoded.correlationId).toBe(ce.id);
  });
});

describe('decode rejects, saying exactly what is wrong', () => {
  it.each([
    ['ce_specversion', 'missing header ce_specversion (must be "1.0")'],
    ['ce_id', 'missing header ce_id (a UUID)'],
    ['ce_source', 'missing header ce_source (/corridor/<service> or /agencies/<agency-id>)'],
    ['ce_type', 'missing header ce_type (a Corridor event type)'],
    ['ce_subject', 'missing header ce_subject (the aggregate id)'],
    ['ce_time', 'missing header ce_time (RFC 3339 time)'],
    ['ce_region', 'missing header ce_region (ISO 3166-2 code such as CN-BJ)'],
    ['content-type', 'missing header content-type (must be application/json)'],
  ])('missing %s', (header, message) => {
    expect(issuesOf(() => decodeEvent(withHeaders({ [header]: undefined })))).toContainEqual({
      path: `headers.${header}`,
      message,
    });
  });

  it('reports every missing header at once', () => {
    const issues = issuesOf(() => decodeEvent({ key: 'k', value: '{}', headers: {} }));
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'headers.ce_specversion',
        'headers.ce_id',
        'headers.ce_source',
        'headers.ce_type',
        'headers.ce_subject',
        'headers.ce_time',
        'headers.ce_region',
        'headers.content-type',
      ]),
    );
  });

  it('a wrong specversion', () => {
    expect(issuesOf(() => decodeEvent(withHeaders({ ce_specversion: '0.3' })))).toEqual([
      {
        path: 'headers.ce_specversion',
        message: 'ce_specversion must be "1.0" (CloudEvents 1.0), got "0.3"',
      },
    ]);
  });

  it('an unknown type', () => {
    expect(
      issuesOf(() => decodeEvent(withHeaders({ ce_type: 'corridor.demand.contract.signed.v9' }))),
    ).toEqual([
      {
        path: 'headers.ce_type',
        message:
          'unknown event type "corridor.demand.contract.signed.v9": ce_type must be one of the catalogue, e.g. corridor.supply.technology.published.v1',
      },
    ]);
  });

  it('a bad region code in the header and in the data', () => {
    const data = {
      ...eventCatalogue[SIGNED].example,
      buyer: { ...eventCatalogue[SIGNED].example.buyer, region: 'TJ' },
    };
    expect(issuesOf(() => decodeEvent(withHeaders({ ce_region: 'CN-ZZ' }, data)))).toEqual([
      {
        path: 'headers.ce_region',
        message: 'ce_region must be an ISO 3166-2:CN province code such as CN-BJ, got "CN-ZZ"',
      },
      {
        path: 'data.buyer.region',
        message: 'must be an ISO 3166-2:CN province code such as CN-BJ (got "TJ")',
      },
    ]);
  });

  it('a bad credit code', () => {
    const ex = eventCatalogue[SIGNED].example;
    const data = { ...ex, buyer: { ...ex.buyer, creditCode: '91120116MA05TJ001D' } };
    expect(issuesOf(() => decodeEvent(withHeaders({}, data)))).toEqual([
      {
        path: 'data.buyer.creditCode',
        message:
          'invalid 统一社会信用代码 "91120116MA05TJ001D": check character is D but must be C (GB 32100-2015)',
      },
    ]);
  });

  it('a float where fen are required', () => {
    const data = { ...eventCatalogue[SIGNED].example, valueFen: 6500000.5 };
    expect(issuesOf(() => decodeEvent(withHeaders({}, data)))).toEqual([
      { path: 'data.valueFen', message: 'must be an amount in integer fen, not a fraction (got 6500000.5)' },
    ]);
  });

  it('a missing data field', () => {
    const { technologyId: _t, ...data } = eventCatalogue[SIGNED].example;
    expect(issuesOf(() => decodeEvent(withHeaders({}, data)))).toEqual([
      { path: 'data.technologyId', message: expect.stringContaining('expected string') },
    ]);
  });

  it('a cross-field rule', () => {
    const ex = eventCatalogue[SIGNED].example;
    const data = { ...ex, manager: { ...ex.manager, commissionFen: ex.valueFen + 1 } };
    expect(issuesOf(() => decodeEvent(withHeaders({}, data)))).toEqual([
      { path: 'data.manager.commissionFen', message: 'commission must not exceed the contract value' },
    ]);
  });

  it.each([
    [{ ce_id: 'abc' }, 'headers.ce_id', 'ce_id must be a UUID, got "abc"'],
    [
      { ce_source: '/someone/else' },
      'headers.ce_source',
      'ce_source must be /corridor/<service> or /agencies/<agency-id> (lowercase), got "/someone/else"',
    ],
    [
      { ce_time: 'yesterday' },
      'headers.ce_time',
      'ce_time must be an RFC 3339 date-time such as 2026-11-23T08:00:00Z, got "yesterday"',
    ],
    [
      { 'content-type': 'text/plain' },
      'headers.content-type',
      'content-type must be application/json (binary mode), got "text/plain"',
    ],
    [
      { ce_dataschema: 'urn:other' },
      'headers.ce_dataschema',
      'ce_dataschema must be urn:corridor:schema:corridor.demand.contract.signed.v1 for corridor.demand.contract.signed.v1 (or absent), got "urn:other"',
    ],
    [{ ce_subject: 'ctr-other' }, 'key', 'record key "ctr-2026-000314" differs from ce_subject "ctr-other"'],
  ])('bad header %j', (patch, path, message) => {
    expect(issuesOf(() => decodeEvent(withHeaders(patch)))).toContainEqual({ path, message });
  });

  it('a subject that disagrees with the data', () => {
    const rec = withHeaders({ ce_subject: 'ctr-other' });
    rec.key = 'ctr-other';
    expect(issuesOf(() => decodeEvent(rec))).toEqual([
      { path: 'data.contractId', message: '"ctr-2026-000314" differs from ce_subject "ctr-other"' },
    ]);
  });

  it('a missing key, a non-JSON value and a tombstone', () => {
    const rec = withHeaders({});
    expect(issuesOf(() => decodeEvent({ ...rec, key: null }))[0]?.path).toBe('key');
    expect(issuesOf(() => decodeEvent({ ...rec, value: Buffer.from('{oops') }))[0]).toEqual({
      path: 'value',
      message: expect.stringMatching(/^value is not JSON: /),
    });
    expect(issuesOf(() => decodeEvent({ ...rec, value: null }))[0]).toEqual({
      path: 'value',
      message: 'record value is missing (a tombstone is not an event); it must be the JSON data',
    });
  });

  it('a header repeated with different values', () => {
    const rec = withHeaders({});
    rec.headers = { ...rec.headers, ce_region: [Buffer.from('CN-TJ'), Buffer.from('CN-BJ')] };
    expect(issuesOf(() => decodeEvent(rec))).toContainEqual({
      path: 'headers.ce_region',
      message: 'header ce_region appears 2 times with different values',
    });
  });

  it('the violation message lists the type and every issue', () => {
    try {
      decodeEvent(withHeaders({ ce_region: 'XX' }));
    } catch (e) {
      expect((e as Error).message).toBe(
        'corridor.demand.contract.signed.v1: headers.ce_region: ce_region must be an ISO 3166-2:CN province code such as CN-BJ, got "XX"',
      );
      return;
    }
    throw new Error('expected a ContractViolation');
  });
});

describe('lenient where the specs say so', () => {
  it('defaults the correlation id to the event id and tolerates unknown ce_ extensions', () => {
    const decoded = decodeEvent(
      withHeaders({ ce_correlationid: undefined, ce_dataschema: undefined, ce_partitionkey: 'x' }),
    );
    expect(decoded.correlationId).toBe(decoded.id);
    expect(decoded.dataschema).toBe('urn:corridor:schema:corridor.demand.contract.signed.v1');
  });

  it('drops an invalid traceparent instead of refusing the event (W3C Trace Context)', () => {
    const decoded = decodeEvent(withHeaders({ traceparent: 'garbage' }));
    expect(decoded.traceparent).toBeUndefined();
    expect(decoded.tracestate).toBeUndefined();
  });

  it('ignores unknown data fields so producers can add optional fields', () => {
    const decoded = decodeEvent(withHeaders({}, { ...eventCatalogue[SIGNED].example, futureField: 1 }));
    expect(decoded.data).not.toHaveProperty('futureField');
  });
});

describe('createEvent', () => {
  it('takes the subject from the data and validates it', () => {
    const e = createEvent('corridor.fund.loan.registered.v1', {
      source: '/corridor/fund',
      region: 'CN-TJ',
      data: eventCatalogue['corridor.fund.loan.registered.v1'].example,
      correlationId: 'deal-42',
    });
    expect(e.subject).toBe('pool-tj-kj-01');
    expect(e.correlationId).toBe('deal-42');
    expect(e.dataschema).toBe('urn:corridor:schema:corridor.fund.loan.registered.v1');
  });

  it('refuses bad source, region and data together', () => {
    const issues = issuesOf(() =>
      createEvent(SIGNED, {
        source: 'demand',
        region: 'CN-XX' as never,
        data: { ...eventCatalogue[SIGNED].example, valueFen: 'lots' as never },
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['source', 'region', 'data.valueFen']);
  });

  it('needs a subject when the command data has no id', () => {
    const { applicationId: _a, ...data } =
      eventCatalogue['corridor.park.application.submit-requested.v1'].example;
    expect(
      issuesOf(() =>
        createEvent('corridor.park.application.submit-requested.v1', {
          source: '/agencies/tj-kjj',
          region: 'CN-TJ',
          data,
        }),
      ),
    ).toEqual([{ path: 'subject', message: 'no subject given and data.applicationId is absent' }]);
    const ok = createEvent('corridor.park.application.submit-requested.v1', {
      source: '/agencies/tj-kjj',
      region: 'CN-TJ',
      data,
      subject: 'agency-ref-1',
    });
    expect(ok.subject).toBe('agency-ref-1');
  });

  it('encodeEvent refuses a hand-built event with invalid data', () => {
    const e = createEvent(SIGNED, {
      source: '/corridor/demand',
      region: 'CN-TJ',
      data: eventCatalogue[SIGNED].example,
    });
    const broken = { ...e, data: { ...e.data, valueFen: 1.25 } };
    expect(issuesOf(() => encodeEvent(broken))).toEqual([
      { path: 'data.valueFen', message: 'must be an amount in integer fen, not a fraction (got 1.25)' },
    ]);
  });
});
