import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Finds the monorepo root: the nearest ancestor whose package.json declares workspaces. */
export function repoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown };
        if (json.workspaces) return dir;
      } catch {
        // A malformed package.json further down must not stop the search.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${start}`);
    dir = parent;
  }
}

/** Downloaded and built artefacts live here (gitignored); CORRIDOR_CACHE_DIR overrides it. */
export function cacheDir(): string {
  return process.env.CORRIDOR_CACHE_DIR ?? path.join(repoRoot(), '.cache');
}

/** The package directory of @corridor/local-infra (works from src/ under swc and from dist/). */
export function packageDir(): string {
  return path.resolve(__dirname, '..');
}
