import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPortOpen, pollUntil } from '../src';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');

interface Ready {
  pid: number;
  kafka: { brokers: string; pid: number; port: number };
  mongo: { url: string; pid: number; port: number };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `cli.js up` in its own process group, like a shell job, and resolves on its READY line. */
function startUp(
  stateDir: string,
  extra: string[] = [],
): Promise<{ child: ChildProcess; ready: Ready; stderr: () => string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @corridor/local-infra first`);
  const child = spawn(process.execPath, [CLI, 'up', '--state-dir', stateDir, ...extra], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line)
        resolve({ child, ready: JSON.parse(line.slice('READY '.length)) as Ready, stderr: () => err });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`cli up exited early (${signal ?? code}):\n${err}`)),
    );
  });
}

async function expectAllGone(ready: Ready): Promise<void> {
  const pids = [ready.pid, ready.kafka.pid, ready.mongo.pid];
  await pollUntil(async () => pids.every((pid) => !alive(pid)), {
    timeoutMs: 40_000,
    description: `pids ${pids.join(', ')} to exit`,
  });
  await pollUntil(
    async () => !(await isPortOpen(ready.kafka.port)) && !(await isPortOpen(ready.mongo.port)),
    {
      timeoutMs: 10_000,
      description: 'broker and database ports to close',
    },
  );
}

describe('corridor-local up', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'corridor-cli-test-'));
  });
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it('leaves no broker or database process behind when the process group gets SIGINT', async () => {
    const envFile = path.join(stateDir, 'dev.env');
    const { child, ready } = await startUp(stateDir, ['--write-env', envFile]);
    expect(readFileSync(envFile, 'utf8')).toContain(`export KAFKA_BROKERS=${ready.kafka.brokers}`);
    expect(alive(ready.kafka.pid)).toBe(true);
    expect(alive(ready.mongo.pid)).toBe(true);
    expect(await isPortOpen(ready.kafka.port)).toBe(true);
    expect(await isPortOpen(ready.mongo.port)).toBe(true);

    // Ctrl-C in a terminal: every process of the job's group receives SIGINT.
    process.kill(-child.pid!, 'SIGINT');
    await expectAllGone(ready);
    expect(existsSync(path.join(stateDir, 'state.json'))).toBe(false);
    expect(existsSync(envFile)).toBe(false);
  });

  it('leaves nothing behind when the launcher itself is killed with SIGKILL', async () => {
    const { child, ready } = await startUp(stateDir);
    // No handler can run here: only the kernel's parent-death signal cleans up.
    process.kill(child.pid!, 'SIGKILL');
    await expectAllGone(ready);
  });

  it('stops a running launcher with `down`', async () => {
    const { ready } = await startUp(stateDir);
    const down = spawn(process.execPath, [CLI, 'down', '--state-dir', stateDir], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => down.once('exit', resolve));
    expect(code).toBe(0);
    await expectAllGone(ready);
  });
});
