import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { regionCodeSchema, type RegionCode } from './reference/regions';
import { eventCatalogue, isEventType, EVENT_TYPES, type EventData, type EventType } from './catalogue';
import { ContractViolation, type ContractIssue } from './errors';
import { SOURCE_PATTERN } from './services';

export const SPEC_VERSION = '1.0';
export const CONTENT_TYPE = 'application/json';

/** Header names of the Kafka binary-mode envelope. */
export const HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  dataschema: 'ce_dataschema',
  region: 'ce_region',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** URI of the JSON Schema of an event type (the file is schemas/events/<type>.json in this package). */
export function dataschemaFor(type: string): string {
  return `urn:corridor:schema:${type}`;
}

export interface CorridorEvent<T extends EventType = EventType> {
  id: string;
  source: string;
  type: T;
  subject: string;
  time: string;
  dataschema: string;
  region: RegionCode;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
  data: EventData<T>;
}

/** A decoded event narrowed by its `type`: `switch (event.type)` types `event.data`. */
export type AnyCorridorEvent = { [T in EventType]: CorridorEvent<T> }[EventType];

export interface CreateEventOptions<T extends EventType> {
  source: string;
  region: RegionCode;
  data: EventData<T> | z.input<(typeof eventCatalogue)[T]['schema']>;
  /** defaults to the aggregate id found in the data */
  subject?: string;
  /** defaults to the new event's id: it starts a chain */
  correlationId?: string;
  causationId?: string;
  id?: string;
  time?: string | Date;
  traceparent?: string;
  tracestate?: string;
}

export interface KafkaRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export type RawHeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export interface IncomingRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, RawHeaderValue>;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const TRACESTATE_MAX = 512;

const missing = (name: string, what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `missing header ${name} (${what})` : undefined;

const headerValue = (name: string, what: string, max = 256) =>
  z
    .string({ error: missing(name, what) })
    .min(1, { error: `header ${name} is empty (${what})` })
    .max(max, { error: `header ${name} is longer than ${max} characters` });

const knownTypes = new Set<string>(EVENT_TYPES);

const envelopeHeadersSchema = z.object({
  ce_specversion: z
    .string({ error: missing('ce_specversion', 'must be "1.0"') })
    .refine((v) => v === SPEC_VERSION, {
      error: (iss) => `ce_specversion must be "1.0" (CloudEvents 1.0), got ${JSON.stringify(iss.input)}`,
    }),
  ce_id: headerValue('ce_id', 'a UUID').pipe(
    z.uuid({ error: (iss) => `ce_id must be a UUID, got ${JSON.stringify(iss.input)}` }),
  ),
  ce_source: headerValue('ce_source', '/corridor/<service> or /agencies/<agency-id>').regex(SOURCE_PATTERN, {
    error: (iss) =>
      `ce_source must be /corridor/<service> or /agencies/<agency-id> (lowercase), got ${JSON.stringify(iss.input)}`,
  }),
  ce_type: headerValue('ce_type', 'a Corridor event type').refine((v) => knownTypes.has(v), {
    error: (iss) =>
      `unknown event type ${JSON.stringify(iss.input)}: ce_type must be one of the catalogue, e.g. corridor.supply.technology.published.v1`,
  }),
  ce_subject: headerValue('ce_subject', 'the aggregate id'),
  ce_time: headerValue('ce_time', 'RFC 3339 time').pipe(
    z.iso.datetime({
      offset: true,
      error: (iss) =>
        `ce_time must be an RFC 3339 date-time such as 2026-11-23T08:00:00Z, got ${JSON.stringify(iss.input)}`,
    }),
  ),
  ce_dataschema: z.string().optional(),
  ce_region: z
    .string({ error: missing('ce_region', 'ISO 3166-2 code such as CN-BJ') })
    .pipe(
      z.enum(regionCodeSchema.options, {
        error: (iss) =>
          `ce_region must be an ISO 3166-2:CN province code such as CN-BJ, got ${JSON.stringify(iss.input)}`,
      }),
    ),
  ce_correlationid: z.string().min(1, { error: 'header ce_correlationid is empty' }).max(256).optional(),
  ce_causationid: z.string().min(1, { error: 'header ce_causationid is empty' }).max(256).optional(),
  'content-type': z
    .string({ error: missing('content-type', 'must be application/json') })
    .refine(isJsonContentType, {
      error: (iss) => `content-type must be application/json (binary mode), got ${JSON.stringify(iss.input)}`,
    }),
  ce_datacontenttype: z
    .string()
    .refine(isJsonContentType, {
      error: (iss) => `ce_datacontenttype must be application/json, got ${JSON.stringify(iss.input)}`,
    })
    .optional(),
  traceparent: z.string().optional(),
  tracestate: z.string().optional(),
});

function isJsonContentType(v: string): boolean {
  return /^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(v);
}

function dataIssues(error: z.ZodError, prefix: string): ContractIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

function validateData<T extends EventType>(type: T, data: unknown): EventData<T> {
  const parsed = eventCatalogue[type].schema.safeParse(data);
  if (!parsed.success) throw new ContractViolation(dataIssues(parsed.error, 'data'), type);
  return parsed.data as EventData<T>;
}

function subjectOf(type: EventType, data: unknown): string | undefined {
  const field = eventCatalogue[type].subjectField;
  const v = (data as Record<string, unknown> | null)?.[field];
  return typeof v === 'string' ? v : undefined;
}

/** Builds a valid event: fills id, time and dataschema and validates the data. */
export function createEvent<T extends EventType>(type: T, options: CreateEventOptions<T>): CorridorEvent<T> {
  if (!isEventType(type))
    throw new ContractViolation([{ path: 'type', message: `unknown event type ${JSON.stringify(type)}` }]);
  const issues: ContractIssue[] = [];
  if (!SOURCE_PATTERN.test(options.source)) {
    issues.push({
      path: 'source',
      message: `must be /corridor/<service> or /agencies/<agency-id>, got ${JSON.stringify(options.source)}`,
    });
  }
  if (!regionCodeSchema.safeParse(options.region).success) {
    issues.push({
      path: 'region',
      message: `must be an ISO 3166-2:CN province code such as CN-BJ, got ${JSON.stringify(options.region)}`,
    });
  }
  let data: EventData<T> | undefined;
  try {
    data = validateData(type, options.data);
  } catch (e) {
    if (!(e instanceof ContractViolation)) throw e;
    issues.push(...e.issues);
  }
  const subject = options.subject ?? subjectOf(type, data ?? options.data);
  if (!subject)
    issues.push({
      path: 'subject',
      message: `no subject given and data.${eventCatalogue[type].subjectField} is absent`,
    });
  if (issues.length > 0 || data === undefined || !subject) throw new ContractViolation(issues, type);

  const id = options.id ?? randomUUID();
  const time =
    options.time instanceof Date ? options.time.toISOString() : (options.time ?? new Date().toISOString());
  const event: CorridorEvent<T> = {
    id,
    source: options.source,
    type,
    subject,
    time,
    dataschema: dataschemaFor(type),
    region: options.region,
    correlationId: options.correlationId ?? id,
    data,
  };
  if (options.causationId) event.causationId = options.causationId;
  if (options.traceparent) event.traceparent = options.traceparent;
  if (options.tracestate) event.tracestate = options.tracestate;
  // Same checks as a consumer applies, so a bad id or time fails here and not in someone else's DLQ.
  return assertEnvelope(event);
}

function assertEnvelope<T extends EventType>(event: CorridorEvent<T>): CorridorEvent<T> {
  const parsed = envelopeHeadersSchema.safeParse(headersOf(event));
  if (!parsed.success) throw new ContractViolation(dataIssues(parsed.error, 'headers'), event.type);
  return event;
}

function headersOf(event: CorridorEvent): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADERS.specversion]: SPEC_VERSION,
    [HEADERS.id]: event.id,
    [HEADERS.source]: event.source,
    [HEADERS.type]: event.type,
    [HEADERS.subject]: event.subject,
    [HEADERS.time]: event.time,
    [HEADERS.dataschema]: event.dataschema,
    [HEADERS.region]: event.region,
    [HEADERS.correlationId]: event.correlationId,
    [HEADERS.contentType]: CONTENT_TYPE,
  };
  if (event.causationId) headers[HEADERS.causationId] = event.causationId;
  if (event.traceparent) headers[HEADERS.traceparent] = event.traceparent;
  if (event.tracestate) headers[HEADERS.tracestate] = event.tracestate;
  return headers;
}

/** Kafka binary content mode: attributes in `ce_*` headers, data as the JSON value, key = subject. */
export function encodeEvent(event: CorridorEvent): KafkaRecord {
  assertEnvelope(event);
  const data = validateData(event.type, event.data);
  return { key: event.subject, value: Buffer.from(JSON.stringify(data), 'utf8'), headers: headersOf(event) };
}

function normaliseHeaders(
  raw: Record<string, RawHeaderValue> | undefined,
  issues: ContractIssue[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) =>
      Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
    );
    if (values.length === 0) continue;
    if (new Set(values).size > 1) {
      issues.push({
        path: `headers.${name}`,
        message: `header ${name} appears ${values.length} times with different values`,
      });
      continue;
    }
    out[name.toLowerCase()] = values[0]!;
  }
  return out;
}

/**
 * Reads a Kafka record in binary content mode and validates envelope and data. Throws a
 * ContractViolation listing every problem found (headers first, then the data).
 */
export function decodeEvent(record: IncomingRecord): AnyCorridorEvent {
  const issues: ContractIssue[] = [];
  const headers = normaliseHeaders(record.headers, issues);
  const env = envelopeHeadersSchema.safeParse(headers);
  if (!env.success) issues.push(...dataIssues(env.error, 'headers'));
  const type = isEventType(headers.ce_type) ? headers.ce_type : undefined;

  if (type && headers.ce_dataschema !== undefined && headers.ce_dataschema !== dataschemaFor(type)) {
    issues.push({
      path: 'headers.ce_dataschema',
      message: `ce_dataschema must be ${dataschemaFor(type)} for ${type} (or absent), got ${JSON.stringify(headers.ce_dataschema)}`,
    });
  }
  const key =
    record.key == null ? undefined : Buffer.isBuffer(record.key) ? record.key.toString('utf8') : record.key;
  if (key === undefined || key === '') {
    issues.push({
      path: 'key',
      message:
        'record key is missing: it must be the aggregate id (same as ce_subject) so the aggregate keeps its order',
    });
  } else if (headers.ce_subject !== undefined && key !== headers.ce_subject) {
    issues.push({
      path: 'key',
      message: `record key ${JSON.stringify(key)} differs from ce_subject ${JSON.stringify(headers.ce_subject)}`,
    });
  }

  let json: unknown;
  let jsonOk = false;
  if (record.value === null || record.value === undefined) {
    issues.push({
      path: 'value',
      message: 'record value is missing (a tombstone is not an event); it must be the JSON data',
    });
  } else {
    const text = Buffer.isBuffer(record.value) ? record.value.toString('utf8') : record.value;
    try {
      json = JSON.parse(text);
      jsonOk = true;
    } catch (e) {
      issues.push({ path: 'value', message: `value is not JSON: ${(e as Error).message}` });
    }
  }

  let data: unknown;
  if (type && jsonOk) {
    const parsed = eventCatalogue[type].schema.safeParse(json);
    if (parsed.success) {
      data = parsed.data;
      const dataSubject = subjectOf(type, data);
      if (
        dataSubject !== undefined &&
        headers.ce_subject !== undefined &&
        dataSubject !== headers.ce_subject
      ) {
        issues.push({
          path: `data.${eventCatalogue[type].subjectField}`,
          message: `${JSON.stringify(dataSubject)} differs from ce_subject ${JSON.stringify(headers.ce_subject)}`,
        });
      }
    } else {
      issues.push(...dataIssues(parsed.error, 'data'));
    }
  }
  if (issues.length > 0 || !env.success || !type) throw new ContractViolation(issues, headers.ce_type);

  const h = env.data;
  const event = {
    id: h.ce_id,
    source: h.ce_source,
    type,
    subject: h.ce_subject,
    time: h.ce_time,
    dataschema: dataschemaFor(type),
    region: h.ce_region,
    correlationId: h.ce_correlationid ?? h.ce_id,
    data,
  } as CorridorEvent;
  if (h.ce_causationid) event.causationId = h.ce_causationid;
  // Invalid trace context is dropped, not refused: W3C Trace Context says to start a new trace.
  if (h.traceparent && TRACEPARENT.test(h.traceparent)) {
    event.traceparent = h.traceparent;
    if (h.tracestate && h.tracestate.length <= TRACESTATE_MAX) event.tracestate = h.tracestate;
  }
  return event as AnyCorridorEvent;
}
