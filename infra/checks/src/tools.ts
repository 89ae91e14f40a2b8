import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Absolute path of an executable on PATH, or undefined. */
export function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, bin);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface ToolResult {
  status: number | null;
  output: string;
}

/** Runs a checker (promtool, docker-compose) from the repository root and keeps all its output. */
export function runTool(bin: string, args: string[], timeoutMs = 60_000): ToolResult {
  const r = spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
