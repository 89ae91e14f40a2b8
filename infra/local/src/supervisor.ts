import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface ProcessSpec {
  /** Short name used in logs and error messages. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** How long a graceful stop may take before SIGKILL (default 15 s). */
  stopTimeoutMs?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

let pdeathsigSupport: boolean | undefined;

/**
 * `setpriv --pdeathsig KILL` makes the kernel kill the child when this process dies, even by
 * SIGKILL, where no handler of ours can run. Probed once because util-linux may be missing.
 */
export function supportsPdeathsig(): boolean {
  if (pdeathsigSupport === undefined) {
    if (process.platform !== 'linux' || process.env.CORRIDOR_NO_PDEATHSIG === '1') {
      pdeathsigSupport = false;
    } else {
      const probe = spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' });
      pdeathsigSupport = probe.status === 0;
    }
  }
  return pdeathsigSupport;
}

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last line of defence for normal exits and uncaught errors; signals are handled by callers
  // (the CLI) and hard kills by pdeathsig.
  process.on('exit', () => {
    for (const proc of live) proc.killNow();
  });
}

/** One supervised child: started with a log file, stopped gracefully, never left orphaned. */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exitPromise: Promise<ExitInfo> | undefined;
  private exitInfo: ExitInfo | undefined;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  /** Describes why the process is not running, or undefined while it runs. */
  exitReason(): string | undefined {
    if (!this.exitInfo) return undefined;
    const { code, signal } = this.exitInfo;
    return `${this.spec.name} exited (${signal ?? `code ${code}`}); log tail:\n${this.logTail()}`;
  }

  start(): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    mkdirSync(path.dirname(this.spec.logFile), { recursive: true });
    const fd = openSync(this.spec.logFile, 'a');
    writeSync(
      fd,
      `\n--- ${new Date().toISOString()} starting ${this.spec.command} ${this.spec.args.join(' ')}\n`,
    );
    const [command, args] = supportsPdeathsig()
      ? ['setpriv', ['--pdeathsig', 'KILL', '--', this.spec.command, ...this.spec.args]]
      : [this.spec.command, this.spec.args];
    try {
      this.exitInfo = undefined;
      const child = spawn(command, args, {
        cwd: this.spec.cwd,
        env: this.spec.env ?? process.env,
        stdio: ['ignore', fd, fd],
      });
      this.child = child;
      this.exitPromise = new Promise<ExitInfo>((resolve) => {
        child.once('exit', (code, signal) => {
          this.exitInfo = { code, signal };
          live.delete(this);
          resolve(this.exitInfo);
        });
        child.once('error', (err) => {
          this.exitInfo = { code: -1, signal: null };
          live.delete(this);
          writeSafe(this.spec.logFile, `spawn error: ${err.message}\n`);
          resolve(this.exitInfo);
        });
      });
      live.add(this);
      installExitHook();
    } finally {
      closeSync(fd);
    }
  }

  /** Resolves when the process has exited (immediately if it never ran). */
  async waitForExit(): Promise<ExitInfo> {
    if (!this.exitPromise) return { code: null, signal: null };
    return this.exitPromise;
  }

  /** SIGTERM, then SIGKILL after the stop timeout; resolves once the process is gone. */
  async stop(): Promise<void> {
    if (!this.running || !this.child) return;
    this.child.kill('SIGTERM');
    const timeoutMs = this.spec.stopTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.killNow();
        resolve();
      }, timeoutMs);
    });
    await Promise.race([this.waitForExit(), killed]);
    clearTimeout(timer);
    await this.waitForExit();
  }

  /** Synchronous SIGKILL, safe inside an 'exit' handler. */
  killNow(): void {
    if (this.running && this.child) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

function writeSafe(file: string, text: string): void {
  try {
    const fd = openSync(file, 'a');
    writeSync(fd, text);
    closeSync(fd);
  } catch {
    // Logging must never mask the original failure.
  }
}

/** Stops every process this module still supervises (used by signal handlers). */
export async function stopAllManaged(): Promise<void> {
  await Promise.all([...live].map((proc) => proc.stop()));
}

/**
 * Makes SIGINT/SIGTERM/SIGHUP stop `cleanup` first and then exit with the conventional code.
 * A second signal while cleaning up kills everything at once.
 */
export function exitOnSignals(cleanup: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      for (const proc of live) proc.killNow();
      process.exit(130);
    }
    stopping = true;
    const code = signal === 'SIGINT' ? 130 : 143;
    cleanup()
      .catch((err: unknown) => console.error(`cleanup after ${signal} failed:`, err))
      .finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
}
