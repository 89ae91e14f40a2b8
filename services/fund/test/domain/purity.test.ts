import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The domain is pure rules: it may import its own modules and nothing that reaches a network,
// a disk or a clock-driven framework, so it stays testable without infrastructure.
describe('src/domain', () => {
  const dir = join(__dirname, '../../src/domain');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only sibling domain modules', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports.filter((spec) => !spec!.startsWith('./'))).toEqual([]);
  });
});
