import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  checkCatalogueCompatibility,
  checkSchemaCompatibility,
  demandClosedSchema,
  eventJsonSchema,
  generateArtifacts,
  runCompatibilityCheck,
  type Finding,
  type JsonSchema,
} from '../src';

const ROOT = join(__dirname, '..');
const SIGNED = 'corridor.demand.contract.signed.v1';
const CLOSED = 'corridor.demand.demand.closed.v1';

const snapshot = (type: string): JsonSchema =>
  JSON.parse(readFileSync(join(ROOT, 'snapshots', `${type}.json`), 'utf8'));
const breaking = (f: Finding[]) =>
  f.filter((x) => x.severity === 'breaking').map((x) => `${x.path}: ${x.message}`);

type Props = Record<string, JsonSchema>;
function edit(
  type: string,
  change: (s: JsonSchema & { properties: Props; required: string[]; $defs: Props }) => void,
): Finding[] {
  const old = snapshot(type);
  const copy = structuredClone(old) as JsonSchema & { properties: Props; required: string[]; $defs: Props };
  change(copy);
  return checkSchemaCompatibility(old, copy);
}

describe('compatibility of a published vN schema', () => {
  it('the committed snapshots agree with the schemas in code', () => {
    const report = runCompatibilityCheck();
    expect(report.breaking).toEqual([]);
    expect(report.unpublished).toEqual([]);
  });

  it('an unchanged schema has no findings', () => {
    expect(checkSchemaCompatibility(snapshot(SIGNED), eventJsonSchema(SIGNED))).toEqual([]);
  });

  it.each<
    [string, (s: JsonSchema & { properties: Props; required: string[]; $defs: Props }) => void, string]
  >([
    ['field removed', (s) => delete s.properties.valueFen, '/valueFen: field removed'],
    [
      'field renamed',
      (s) => {
        s.properties.amountFen = s.properties.valueFen!;
        delete s.properties.valueFen;
        s.required = s.required.map((r) => (r === 'valueFen' ? 'amountFen' : r));
      },
      '/valueFen: field renamed to amountFen',
    ],
    [
      'type changed',
      (s) => (s.properties.title = { type: 'number' }),
      '/title: type changed from string to number',
    ],
    [
      'optional made required',
      (s) => s.required.push('landingParkId'),
      '/landingParkId: optional field made required',
    ],
    [
      'required made optional',
      (s) => (s.required = s.required.filter((r) => r !== 'buyer')),
      '/buyer: required field made optional: consumers rely on it',
    ],
    [
      'enum value removed',
      (s) => (s.properties.type!.enum = ['development', 'transfer', 'license', 'service']),
      '/type: enum value removed: "consulting"',
    ],
    [
      'enum value removed in a shared definition',
      (s) => (s.$defs.RegionCode!.enum = (s.$defs.RegionCode!.enum as string[]).filter((c) => c !== 'CN-TW')),
      '/seller/region: enum value removed: "CN-TW"',
    ],
    [
      'new required field',
      (s) => ((s.properties.currency = { type: 'string' }), s.required.push('currency')),
      '/currency: new required field: existing producers do not send it',
    ],
    [
      'length narrowed',
      (s) => (s.properties.title!.maxLength = 50),
      '/title: length narrowed: maxLength 200 → 50',
    ],
    [
      'nested field removed',
      (s) => delete (s.properties.manager!.properties as Props).commissionFen,
      '/manager/commissionFen: field removed',
    ],
  ])('%s is breaking', (_what, change, finding) => {
    expect(breaking(edit(SIGNED, change))).toContain(finding);
  });

  it('number narrowed to integer is breaking', () => {
    const type = 'corridor.demand.match.proposed.v1';
    const findings = edit(type, (s) => ((s.properties.score as JsonSchema).type = 'integer'));
    expect(breaking(findings)).toEqual(['/score: type narrowed from number to integer']);
  });

  it('a new optional field is compatible (and noted)', () => {
    const findings = edit(SIGNED, (s) => (s.properties.paymentTerms = { type: 'string', maxLength: 500 }));
    expect(findings).toEqual([{ severity: 'note', path: '/paymentTerms', message: 'new optional field' }]);
  });

  it('a new enum value and a longer maxLength are compatible but noted', () => {
    const findings = edit(SIGNED, (s) => {
      s.properties.type!.enum = [...(s.properties.type!.enum as string[]), 'equity-in-kind'];
      s.properties.title!.maxLength = 400;
    });
    expect(breaking(findings)).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual([
      'enum value added: "equity-in-kind" (upgrade consumers first)',
      'length widened: maxLength 200 → 400',
    ]);
  });

  describe('edits made in zod, as a developer would', () => {
    const check = (edited: z.ZodType) =>
      checkSchemaCompatibility(snapshot(CLOSED), z.toJSONSchema(edited, { io: 'input' }) as JsonSchema);

    it('adding an optional field passes', () => {
      expect(breaking(check(demandClosedSchema.extend({ note: z.string().max(500).optional() })))).toEqual(
        [],
      );
    });

    it('removing an optional field fails', () => {
      expect(breaking(check(demandClosedSchema.omit({ reason: true })))).toEqual(['/reason: field removed']);
    });

    it('dropping an outcome fails', () => {
      expect(
        breaking(check(demandClosedSchema.extend({ outcome: z.enum(['fulfilled', 'expired']) }))),
      ).toEqual(['/outcome: enum value removed: "withdrawn"']);
    });

    it('making an optional field required fails', () => {
      expect(breaking(check(demandClosedSchema.extend({ contractId: z.string() })))).toContain(
        '/contractId: optional field made required',
      );
    });
  });
});

describe('catalogue-level gate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'contracts-compat-'));
    cpSync(join(ROOT, 'snapshots'), join(dir, 'snapshots'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails when code dropped a field that a published snapshot has', () => {
    const file = join(dir, 'snapshots', `${SIGNED}.json`);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    s.properties.legacyCode = { type: 'string' };
    s.required.push('legacyCode');
    writeFileSync(file, JSON.stringify(s));
    const report = runCompatibilityCheck(join(dir, 'snapshots'));
    expect(report.breaking).toEqual([
      { type: SIGNED, severity: 'breaking', path: '/legacyCode', message: 'field removed' },
    ]);
  });

  it('fails when a published event type disappears, unless it is retired', () => {
    const snapshots = { 'corridor.demand.contract.amended.v1': { type: 'object' } };
    expect(checkCatalogueCompatibility(snapshots, {})).toEqual([
      {
        type: 'corridor.demand.contract.amended.v1',
        severity: 'breaking',
        path: '/',
        message: 'published event type removed (retire it through deprecation first)',
      },
    ]);
    expect(checkCatalogueCompatibility(snapshots, {}, ['corridor.demand.contract.amended.v1'])).toEqual([]);
  });

  it('generate refuses to write anything over a breaking change', () => {
    const file = join(dir, 'snapshots', `${CLOSED}.json`);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    s.properties.outcome.enum.push('merged');
    writeFileSync(file, JSON.stringify(s));
    const { written, report } = generateArtifacts(dir);
    expect(written).toEqual([]);
    expect(report.breaking.map((f) => `${f.type} ${f.path}: ${f.message}`)).toEqual([
      `${CLOSED} /outcome: enum value removed: "merged"`,
    ]);
  });

  it('generate writes artifacts and refreshes snapshots when the change is compatible', () => {
    const file = join(dir, 'snapshots', `${CLOSED}.json`);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    delete s.properties.reason; // the code has it in addition: a new optional field
    writeFileSync(file, JSON.stringify(s));
    const { written, report } = generateArtifacts(dir);
    expect(report.notes).toEqual([
      { type: CLOSED, severity: 'note', path: '/reason', message: 'new optional field' },
    ]);
    expect(written).toContain(`snapshots/${CLOSED}.json`);
    expect(written).toContain('generated/asyncapi.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).properties.reason).toBeDefined();
  });
});
