import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The domain is pure: it may use the contract (schemas, reference data) and the kit's I/O-free
// error classes, nothing that talks to a network, a disk or a clock service.
const ALLOWED = [/^\.\.?\//, /^@corridor\/contracts$/, /^@corridor\/service-kit\/errors$/];
const dir = join(__dirname, '../../src/domain');

it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports no I/O', (file) => {
  const source = readFileSync(join(dir, file), 'utf8');
  const imports = [...source.matchAll(/(?:from|require\()\s*'([^']+)'/g)].map((m) => m[1]!);
  expect(imports.filter((i) => !ALLOWED.some((a) => a.test(i)))).toEqual([]);
});
