import { createHash } from 'node:crypto';
import { eventCatalogue, EVENT_TYPES, type EventType } from '../catalogue';
import { topicCatalogue, type TopicSpec } from '../topics';
import { CONTENT_TYPE, dataschemaFor, HEADERS, SPEC_VERSION } from '../envelope';
import { SOURCE_PATTERN, SERVICE_SOURCES } from '../services';
import { eventJsonSchema, rebaseRefs, type JsonSchema } from './json-schema';

const KAFKA_BINDING = '0.5.0';
const COMPONENT_SCHEMAS = '#/components/schemas/';

/** A stable UUID per event type so the generated document does not change between runs. */
export function exampleEventId(type: string): string {
  const h = createHash('sha1').update(type).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const REGION_FIELDS = ['region', 'parkRegion', 'fundRegion', 'poolRegion', 'claimedRegion', 'buyerRegion'];

/** The region an example event is about, for its ce_region header. */
export function exampleRegion(data: unknown): string {
  const d = data as Record<string, unknown>;
  for (const f of REGION_FIELDS) if (typeof d[f] === 'string') return d[f] as string;
  const nested = (d.enterprise ?? d.owner) as Record<string, unknown> | undefined;
  return typeof nested?.region === 'string' ? nested.region : 'CN-BJ';
}

export function exampleSource(type: EventType): string {
  const producer = eventCatalogue[type].producer;
  return producer === 'agencies' ? '/agencies/tj-kjj' : SERVICE_SOURCES[producer];
}

export function exampleHeaders(type: EventType): Record<string, string> {
  const spec = eventCatalogue[type];
  const id = exampleEventId(type);
  return {
    [HEADERS.specversion]: SPEC_VERSION,
    [HEADERS.id]: id,
    [HEADERS.source]: exampleSource(type),
    [HEADERS.type]: type,
    [HEADERS.subject]: String((spec.example as Record<string, unknown>)[spec.subjectField] ?? 'example-1'),
    [HEADERS.time]: '2026-11-23T08:00:00Z',
    [HEADERS.dataschema]: dataschemaFor(type),
    [HEADERS.region]: exampleRegion(spec.example),
    [HEADERS.correlationId]: id,
    [HEADERS.contentType]: CONTENT_TYPE,
    [HEADERS.traceparent]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };
}

function headersSchema(type: EventType): JsonSchema {
  const str = (description: string, extra: JsonSchema = {}) => ({ type: 'string', description, ...extra });
  return {
    type: 'object',
    required: [
      'ce_specversion',
      'ce_id',
      'ce_source',
      'ce_type',
      'ce_subject',
      'ce_time',
      'ce_region',
      'content-type',
    ],
    properties: {
      ce_specversion: str('CloudEvents spec version', { const: SPEC_VERSION }),
      ce_id: str('event id; consumers deduplicate by it', { format: 'uuid' }),
      ce_source: str('/corridor/<service> or /agencies/<agency-id>', { pattern: SOURCE_PATTERN.source }),
      ce_type: str('event type', { const: type }),
      ce_subject: str('aggregate id; equals the record key'),
      ce_time: str('when it happened (RFC 3339)', { format: 'date-time' }),
      ce_dataschema: str('JSON Schema of the data; optional on input, must match the type', {
        const: dataschemaFor(type),
      }),
      ce_region: {
        $ref: `${COMPONENT_SCHEMAS}RegionCode`,
        description: 'region the event acts for (CloudEvents extension)',
      },
      ce_correlationid: str('id of the first event of the chain; defaults to ce_id'),
      ce_causationid: str('ce_id of the event or command that caused this one'),
      'content-type': str('data encoding (binary content mode)', { const: CONTENT_TYPE }),
      traceparent: str('W3C trace context', {
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      }),
      tracestate: str('W3C trace state'),
    },
  };
}

const channelId = (topic: string) =>
  topic
    .replace(/^corridor\./, '')
    .replace(/\.v\d+$/, '')
    .replace(/[.]/g, '-');
const messageId = (type: string) => type.replace(/^corridor\./, '').replace(/\./g, '_');

function channelBinding(t: TopicSpec): JsonSchema {
  return {
    kafka: {
      topic: t.name,
      partitions: t.partitions,
      topicConfiguration: {
        'cleanup.policy': [t.config['cleanup.policy']],
        'retention.ms': Number(t.config['retention.ms']),
      },
      bindingVersion: KAFKA_BINDING,
    },
  };
}

export function buildAsyncApi(version: string): JsonSchema {
  const schemas: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const type of EVENT_TYPES) {
    const spec = eventCatalogue[type];
    const {
      $defs,
      $schema: _s,
      $id: _i,
      examples: _e,
      ...payload
    } = eventJsonSchema(type) as JsonSchema & { $defs?: Record<string, unknown> };
    for (const [name, def] of Object.entries($defs ?? {})) schemas[name] = rebaseRefs(def, COMPONENT_SCHEMAS);
    messages[messageId(type)] = {
      name: type,
      title: type,
      summary: spec.description,
      contentType: CONTENT_TYPE,
      headers: headersSchema(type),
      payload: rebaseRefs(payload, COMPONENT_SCHEMAS),
      correlationId: {
        description: 'follows one deal across services',
        location: '$message.header#/ce_correlationid',
      },
      bindings: {
        kafka: {
          key: { type: 'string', description: `${spec.aggregate} id (${spec.subjectField})` },
          bindingVersion: KAFKA_BINDING,
        },
      },
      examples: [
        { name: 'example', summary: spec.description, headers: exampleHeaders(type), payload: spec.example },
      ],
    };
  }

  for (const topic of topicCatalogue) {
    const id = channelId(topic.name);
    const types = EVENT_TYPES.filter((t) => eventCatalogue[t].topic === topic.name);
    const channelMessages = Object.fromEntries(
      types.map((t) => [messageId(t), { $ref: `#/components/messages/${messageId(t)}` }]),
    );
    channels[id] = {
      address: topic.name,
      title: topic.name,
      description:
        `${topic.description}. Key: ${topic.key}. Producer: ${topic.producer}; consumers: ${topic.consumers.join(', ') || 'agencies and dashboards'}.` +
        (topic.name.endsWith('.dlq.v1')
          ? ' Records are the raw originals plus dlq_* headers; no schema applies.'
          : ''),
      messages: channelMessages,
      bindings: channelBinding(topic),
    };
    if (types.length === 0) continue;
    // Written from Corridor's side: it sends its events and receives agency commands.
    const inbound = topic.producer === 'agencies';
    operations[`${inbound ? 'receive' : 'send'}-${id}`] = {
      action: inbound ? 'receive' : 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: inbound
        ? `Agencies send commands to ${topic.name}`
        : `${topic.producer} publishes to ${topic.name}`,
      messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${messageId(t)}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Corridor events',
      version,
      description:
        'Public event contract of Corridor (cross-region technology transfer). CloudEvents 1.0 in Kafka binary content mode: attributes in ce_* headers, JSON data as the record value, record key = aggregate id. Money is integer fen; regions are ISO 3166-2:CN codes.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: CONTENT_TYPE,
    servers: {
      local: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'local broker started by `npm start` (the real port is printed at start-up)',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}
