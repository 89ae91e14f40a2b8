import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// DESIGN §2: src/domain holds pure rules. Any import that is not another domain module or the
// kit's I/O-free entry (a driver, the kit's root, node:fs …) would let I/O in, so the layout itself is checked.
describe('src/domain', () => {
  const dir = join(__dirname, '../../src/domain');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only sibling domain modules', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => !s.startsWith('./') && s !== '@corridor/service-kit/errors')).toEqual([]);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
