import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessGroup, isPortOpen, pollUntil } from '../src';
import type { ExitInfo } from '../src';

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A tiny real server: listens on a free port, writes the port to a file, and crashes on demand.
const SERVER = `
const net = require('node:net');
const fs = require('node:fs');
const server = net.createServer((s) => { s.end(); if (process.env.CRASH_ON_CONNECT) process.exit(3); });
server.listen(0, '127.0.0.1', () => fs.writeFileSync(process.env.PORT_FILE, String(server.address().port)));
`;

describe('ProcessGroup', () => {
  let dir: string;
  let group: ProcessGroup | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'process-group-'));
  });
  afterEach(async () => {
    await group?.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const portOf = (file: string) => Number(readFileSync(file, 'utf8'));
  const spec = (name: string, env: Record<string, string> = {}) => {
    const portFile = path.join(dir, `${name}.port`);
    return {
      name,
      command: process.execPath,
      args: ['-e', SERVER],
      env: { ...process.env, PORT_FILE: portFile, ...env },
      logFile: path.join(dir, `${name}.log`),
      ready: async () => isPortOpen(portOf(portFile)),
      portFile,
    };
  };

  it('starts members until ready and stops them all', async () => {
    group = new ProcessGroup();
    const a = spec('a');
    const b = spec('b');
    const procA = await group.start(a);
    const procB = await group.start(b);
    expect(await isPortOpen(portOf(a.portFile))).toBe(true);
    expect(await isPortOpen(portOf(b.portFile))).toBe(true);
    await group.stopAll();
    expect(alive(procA.pid)).toBe(false);
    expect(alive(procB.pid)).toBe(false);
  });

  it('restarts a crashed member with restart on-failure and gives up after maxRestarts', async () => {
    const gaveUp: { name: string; exit: ExitInfo }[] = [];
    group = new ProcessGroup({ onGiveUp: (name, exit) => gaveUp.push({ name, exit }) });
    const s = spec('flaky', { CRASH_ON_CONNECT: '1' });
    const proc = await group.start({ ...s, restart: 'on-failure', maxRestarts: 1, ready: async () => true });
    const pids = new Set<number | undefined>([proc.pid]);
    // Every connection crashes the current instance (exit code 3); the group brings it back once,
    // and gives up after the second crash.
    await pollUntil(
      async () => {
        pids.add(proc.pid);
        await isPortOpen(portOf(s.portFile));
        return gaveUp.length === 1;
      },
      { timeoutMs: 20_000, description: 'the group to give up on the flaky member' },
    );
    expect(pids.size).toBe(2);
    expect(gaveUp[0]).toEqual({ name: 'flaky', exit: { code: 3, signal: null } });
    expect(proc.running).toBe(false);
  });
});
