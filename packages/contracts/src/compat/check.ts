import type { JsonSchema } from '../generate/json-schema';

export type Severity = 'breaking' | 'note';
export interface Finding {
  severity: Severity;
  /** JSON-pointer-like path inside the data, e.g. /enterprise/creditCode */
  path: string;
  message: string;
}

// Rules for a change to a published vN schema. Breaking when
//  (a) data an existing producer sends could be refused (narrowing, new requirement), or
//  (b) a field an existing consumer reads could be missing or change meaning (removal,
//      rename, required → optional, type change).
// Widening an enum or a range is allowed but noted: consumers must be upgraded before any
// producer sends the new values.

type S = JsonSchema;
interface Ctx {
  oldRoot: S;
  newRoot: S;
  findings: Finding[];
  seen: Set<string>;
}

function deref(schema: S, root: S): S {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string' && hops < 20; hops++) {
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref as string);
    const defs = root.$defs as Record<string, S> | undefined;
    const target = m && defs?.[m[1]!];
    if (!target) throw new Error(`cannot resolve ${s.$ref as string}`);
    const { $ref: _r, ...rest } = s;
    s = { ...target, ...rest };
  }
  return s;
}

function typesOf(s: S): Set<string> {
  if (s.type === undefined) {
    if (s.const !== undefined) return new Set([jsonType(s.const)]);
    if (Array.isArray(s.enum)) return new Set(s.enum.map(jsonType));
    return new Set(['any']);
  }
  return new Set(Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const fmt = (v: unknown) => JSON.stringify(v);

function add(ctx: Ctx, severity: Severity, path: string, message: string): void {
  ctx.findings.push({ severity, path: path || '/', message });
}

function compareBound(
  ctx: Ctx,
  path: string,
  o: S,
  n: S,
  key: string,
  narrowerWhen: 'higher' | 'lower',
  what: string,
): void {
  const ov = o[key] as number | undefined;
  const nv = n[key] as number | undefined;
  if (ov === nv) return;
  if (nv === undefined) return add(ctx, 'note', path, `${what} limit ${key}=${ov} removed (widened)`);
  if (ov === undefined) return add(ctx, 'breaking', path, `${what} narrowed: new ${key}=${nv}`);
  const narrowed = narrowerWhen === 'higher' ? nv > ov : nv < ov;
  add(
    ctx,
    narrowed ? 'breaking' : 'note',
    path,
    `${what} ${narrowed ? 'narrowed' : 'widened'}: ${key} ${ov} → ${nv}`,
  );
}

function compare(ctx: Ctx, oldS: S, newS: S, path: string): void {
  const o = deref(oldS, ctx.oldRoot);
  const n = deref(newS, ctx.newRoot);
  const key = `${path}|${fmt(o)}|${fmt(n)}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);

  const oUnion = (o.anyOf ?? o.oneOf) as S[] | undefined;
  const nUnion = (n.anyOf ?? n.oneOf) as S[] | undefined;
  if (oUnion || nUnion) return compareUnion(ctx, oUnion ?? [o], nUnion ?? [n], path);

  const ot = typesOf(o);
  const nt = typesOf(n);
  if (!nt.has('any')) {
    for (const t of ot) {
      const kept = nt.has(t) || (t === 'integer' && nt.has('number'));
      if (!kept) {
        const narrowedToInt = t === 'number' && nt.has('integer');
        return add(
          ctx,
          'breaking',
          path,
          narrowedToInt
            ? 'type narrowed from number to integer'
            : `type changed from ${[...ot].join('|')} to ${[...nt].join('|')}`,
        );
      }
    }
  }
  for (const t of nt) {
    if (!ot.has(t) && !ot.has('any') && !(t === 'number' && ot.has('integer'))) {
      add(
        ctx,
        'breaking',
        path,
        `type widened from ${[...ot].join('|')} to ${[...nt].join('|')}: consumers cannot read the new values`,
      );
    } else if (t === 'number' && ot.has('integer') && !ot.has('number')) {
      add(
        ctx,
        'breaking',
        path,
        'type widened from integer to number: consumers (and fen amounts) expect integers',
      );
    }
  }

  if (o.const !== undefined || n.const !== undefined) {
    if (fmt(o.const) !== fmt(n.const))
      add(ctx, 'breaking', path, `constant changed from ${fmt(o.const)} to ${fmt(n.const)}`);
  }
  if (Array.isArray(o.enum) || Array.isArray(n.enum)) {
    const oe = (o.enum as unknown[] | undefined)?.map(fmt);
    const ne = (n.enum as unknown[] | undefined)?.map(fmt);
    if (oe && ne) {
      const removed = oe.filter((v) => !ne.includes(v));
      const added = ne.filter((v) => !oe.includes(v));
      if (removed.length)
        add(
          ctx,
          'breaking',
          path,
          `enum value${removed.length > 1 ? 's' : ''} removed: ${removed.join(', ')}`,
        );
      if (added.length)
        add(
          ctx,
          'note',
          path,
          `enum value${added.length > 1 ? 's' : ''} added: ${added.join(', ')} (upgrade consumers first)`,
        );
    } else if (ne) {
      add(ctx, 'breaking', path, `restricted to enum ${ne.join(', ')}`);
    } else {
      add(ctx, 'note', path, 'enum restriction removed (widened)');
    }
  }

  for (const k of ['pattern', 'format'] as const) {
    if (o[k] !== n[k]) {
      if (n[k] === undefined) add(ctx, 'note', path, `${k} ${fmt(o[k])} removed (widened)`);
      else add(ctx, 'breaking', path, `${k} changed from ${fmt(o[k])} to ${fmt(n[k])}`);
    }
  }
  compareBound(ctx, path, o, n, 'minimum', 'higher', 'range');
  compareBound(ctx, path, o, n, 'exclusiveMinimum', 'higher', 'range');
  compareBound(ctx, path, o, n, 'maximum', 'lower', 'range');
  compareBound(ctx, path, o, n, 'exclusiveMaximum', 'lower', 'range');
  compareBound(ctx, path, o, n, 'multipleOf', 'higher', 'multiple');
  compareBound(ctx, path, o, n, 'minLength', 'higher', 'length');
  compareBound(ctx, path, o, n, 'maxLength', 'lower', 'length');
  compareBound(ctx, path, o, n, 'minItems', 'higher', 'array size');
  compareBound(ctx, path, o, n, 'maxItems', 'lower', 'array size');

  if (ot.has('object') || n.properties || o.properties) compareObject(ctx, o, n, path);
  if (o.items || n.items) {
    if (!o.items) add(ctx, 'breaking', `${path}/items`, 'array items restricted');
    else if (n.items) compare(ctx, o.items as S, n.items as S, `${path}/items`);
  }
}

function compareObject(ctx: Ctx, o: S, n: S, path: string): void {
  const op = (o.properties ?? {}) as Record<string, S>;
  const np = (n.properties ?? {}) as Record<string, S>;
  const oreq = new Set((o.required ?? []) as string[]);
  const nreq = new Set((n.required ?? []) as string[]);
  const added = Object.keys(np).filter((k) => !(k in op));
  for (const [name, schema] of Object.entries(op)) {
    const p = `${path}/${name}`;
    if (!(name in np)) {
      const renamed = added.find((a) => fmt(np[a]) === fmt(schema));
      add(ctx, 'breaking', p, renamed ? `field renamed to ${renamed}` : 'field removed');
      continue;
    }
    if (!oreq.has(name) && nreq.has(name)) add(ctx, 'breaking', p, 'optional field made required');
    if (oreq.has(name) && !nreq.has(name))
      add(ctx, 'breaking', p, 'required field made optional: consumers rely on it');
    compare(ctx, schema, np[name]!, p);
  }
  for (const name of added) {
    if (nreq.has(name))
      add(ctx, 'breaking', `${path}/${name}`, 'new required field: existing producers do not send it');
    else add(ctx, 'note', `${path}/${name}`, 'new optional field');
  }
  const oAdd = o.additionalProperties;
  const nAdd = n.additionalProperties;
  if (oAdd !== false && nAdd === false)
    add(ctx, 'breaking', path, 'object closed (additionalProperties: false)');
}

function compareUnion(ctx: Ctx, o: S[], n: S[], path: string): void {
  // Each old alternative must survive as some new alternative without breaking changes.
  for (const [i, alt] of o.entries()) {
    let best: Finding[] | undefined;
    for (const cand of n) {
      const sub: Ctx = { ...ctx, findings: [], seen: new Set() };
      compare(sub, alt, cand, path);
      const breaking = sub.findings.filter((f) => f.severity === 'breaking');
      if (!best || breaking.length < best.filter((f) => f.severity === 'breaking').length)
        best = sub.findings;
      if (breaking.length === 0) break;
    }
    const breaking = (best ?? []).filter((f) => f.severity === 'breaking');
    if (breaking.length)
      add(
        ctx,
        'breaking',
        path,
        `union alternative ${i + 1} no longer accepted: ${breaking.map((f) => `${f.path} ${f.message}`).join('; ')}`,
      );
    else ctx.findings.push(...(best ?? []));
  }
  if (n.length > o.length)
    add(
      ctx,
      'breaking',
      path,
      `union gained ${n.length - o.length} alternative(s): consumers cannot read them`,
    );
}

/** Compares two JSON Schemas of the same vN event type. */
export function checkSchemaCompatibility(oldSchema: JsonSchema, newSchema: JsonSchema): Finding[] {
  const ctx: Ctx = { oldRoot: oldSchema, newRoot: newSchema, findings: [], seen: new Set() };
  compare(ctx, oldSchema, newSchema, '');
  return ctx.findings;
}

export interface CatalogueFinding extends Finding {
  type: string;
}

/**
 * Compares every published snapshot with the current schemas. A snapshot without a current
 * schema is a removed event type, which is breaking until it has gone through deprecation.
 */
export function checkCatalogueCompatibility(
  snapshots: Record<string, JsonSchema>,
  current: Record<string, JsonSchema>,
  retired: readonly string[] = [],
): CatalogueFinding[] {
  const out: CatalogueFinding[] = [];
  for (const [type, snapshot] of Object.entries(snapshots)) {
    const now = current[type];
    if (!now) {
      if (!retired.includes(type))
        out.push({
          type,
          severity: 'breaking',
          path: '/',
          message: 'published event type removed (retire it through deprecation first)',
        });
      continue;
    }
    for (const f of checkSchemaCompatibility(snapshot, now)) out.push({ type, ...f });
  }
  return out;
}
