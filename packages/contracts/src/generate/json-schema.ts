import { z } from 'zod';
import { regionCodeSchema } from '../reference/regions';
import { industryFieldSchema } from '../reference/fields';
import { creditCodeSchema } from '../reference/credit-code';
import { fenSchema } from '../reference/money';
import { trlSchema } from '../reference/trl';
import { idSchema } from '../reference/ids';
import { eventCatalogue, EVENT_TYPES, type EventType } from '../catalogue';
import { dataschemaFor } from '../envelope';

export type JsonSchema = { [key: string]: unknown };

// Reference types become named definitions so agencies see RegionCode instead of 34 inlined codes.
const SHARED: [z.ZodType, string][] = [
  [regionCodeSchema, 'RegionCode'],
  [industryFieldSchema, 'IndustryField'],
  [creditCodeSchema, 'CreditCode'],
  [fenSchema, 'Fen'],
  [trlSchema, 'Trl'],
  [idSchema, 'Id'],
];

let registered = false;
function registerSharedIds(): void {
  if (registered) return;
  registered = true;
  for (const [schema, id] of SHARED) {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id === id) continue;
    z.globalRegistry.remove(schema);
    z.globalRegistry.add(schema, { ...meta, id });
  }
}

/**
 * The JSON Schema (draft 2020-12) of an event's data. `io: 'input'` leaves objects open
 * (no additionalProperties: false) so consumers keep accepting fields added later.
 */
export function eventJsonSchema(type: EventType): JsonSchema {
  registerSharedIds();
  const spec = eventCatalogue[type];
  const schema = z.toJSONSchema(spec.schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
  }) as JsonSchema;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    $id: dataschemaFor(type),
    title: type,
    ...rest,
    description: spec.description,
    examples: [spec.example],
  };
}

export function allEventJsonSchemas(): Record<EventType, JsonSchema> {
  return Object.fromEntries(EVENT_TYPES.map((t) => [t, eventJsonSchema(t)])) as Record<EventType, JsonSchema>;
}

/** Deep-copies a schema replacing `#/$defs/X` refs by `prefix + X`. */
export function rebaseRefs<T>(value: T, prefix: string): T {
  if (Array.isArray(value)) return value.map((v) => rebaseRefs(v, prefix)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')
          ? prefix + v.slice('#/$defs/'.length)
          : rebaseRefs(v, prefix);
    }
    return out as T;
  }
  return value;
}
