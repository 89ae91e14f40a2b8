import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EVENT_TYPES } from '../catalogue';
import { allEventJsonSchemas, type JsonSchema } from './json-schema';
import { buildAsyncApi } from './asyncapi';
import { renderReadme, staleReadmeSections } from './readme';
import { checkCatalogueCompatibility, type CatalogueFinding } from '../compat/check';

/** packages/contracts, from both src/generate (tests) and dist/generate (CLI). */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const GENERATED_DIR = 'generated';
export const SNAPSHOTS_DIR = 'snapshots';

const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every generated file, path relative to the package root → content. */
export function renderArtifacts(root = PACKAGE_ROOT): Map<string, string> {
  const files = new Map<string, string>();
  for (const [type, schema] of Object.entries(allEventJsonSchemas())) {
    files.set(`${GENERATED_DIR}/json-schema/${type}.json`, toJson(schema));
  }
  files.set(`${GENERATED_DIR}/asyncapi.json`, toJson(buildAsyncApi(packageVersion(root))));
  return files;
}

function listJson(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

/** Paths whose committed content differs from what generation would write (missing, changed or extra). */
export function staleArtifacts(root = PACKAGE_ROOT): string[] {
  const expected = renderArtifacts(root);
  const stale: string[] = [];
  for (const [rel, content] of expected) {
    const abs = join(root, rel);
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== content) stale.push(rel);
  }
  const readme = join(root, 'README.md');
  if (existsSync(readme))
    stale.push(...staleReadmeSections(readFileSync(readme, 'utf8')).map((s) => `README.md#${s}`));
  for (const f of listJson(join(root, GENERATED_DIR, 'json-schema'))) {
    const rel = `${GENERATED_DIR}/json-schema/${f}`;
    if (!expected.has(rel)) stale.push(rel);
  }
  return stale;
}

export function loadSnapshots(dir = join(PACKAGE_ROOT, SNAPSHOTS_DIR)): Record<string, JsonSchema> {
  return Object.fromEntries(
    listJson(dir).map((f) => [
      f.replace(/\.json$/, ''),
      JSON.parse(readFileSync(join(dir, f), 'utf8')) as JsonSchema,
    ]),
  );
}

export interface CompatibilityReport {
  breaking: CatalogueFinding[];
  notes: CatalogueFinding[];
  /** current types without a committed snapshot (not yet published: run generate) */
  unpublished: string[];
}

/** The build's compatibility gate: committed snapshots against the schemas in code. */
export function runCompatibilityCheck(snapshotsDir = join(PACKAGE_ROOT, SNAPSHOTS_DIR)): CompatibilityReport {
  const snapshots = loadSnapshots(snapshotsDir);
  const findings = checkCatalogueCompatibility(snapshots, allEventJsonSchemas());
  return {
    breaking: findings.filter((f) => f.severity === 'breaking'),
    notes: findings.filter((f) => f.severity === 'note'),
    unpublished: EVENT_TYPES.filter((t) => !(t in snapshots)),
  };
}

export function formatFindings(findings: CatalogueFinding[]): string {
  return findings.map((f) => `  ${f.type} ${f.path}: ${f.message}`).join('\n');
}

/**
 * Writes the generated files and refreshes the snapshots, unless the schemas changed
 * incompatibly: then nothing is written and the breaking findings are returned.
 */
export function generate(root = PACKAGE_ROOT): { written: string[]; report: CompatibilityReport } {
  const report = runCompatibilityCheck(join(root, SNAPSHOTS_DIR));
  if (report.breaking.length > 0) return { written: [], report };
  const written: string[] = [];
  const files = renderArtifacts(root);
  const schemas = allEventJsonSchemas();
  for (const [type, schema] of Object.entries(schemas))
    files.set(`${SNAPSHOTS_DIR}/${type}.json`, toJson(schema));
  for (const [rel, content] of files) {
    const abs = join(root, rel);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === content) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    written.push(rel);
  }
  // README keeps its (possibly prettier-formatted) text unless a generated section changed meaning.
  const readme = join(root, 'README.md');
  if (existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    if (staleReadmeSections(text).length > 0) {
      writeFileSync(readme, renderReadme(text));
      written.push('README.md');
    }
  }
  return { written, report };
}
