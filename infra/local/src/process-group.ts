import { ManagedProcess } from './supervisor';
import type { ExitInfo, ProcessSpec } from './supervisor';
import { pollUntil, sleep } from './wait';

export interface SupervisedSpec extends ProcessSpec {
  /** Resolves truthy once the process serves requests; start() waits for it. */
  ready?: () => Promise<boolean>;
  readyTimeoutMs?: number;
  /** Restart after a crash (non-zero exit or signal) that nobody asked for (default 'never'). */
  restart?: 'never' | 'on-failure';
  /** Restarts allowed before giving up (default 5); backoff doubles from 500 ms up to 10 s. */
  maxRestarts?: number;
}

/**
 * Runs a set of child processes as one unit: starts them in order (each waiting until ready),
 * restarts crashed ones when asked to, and stops them in reverse order. Building block for
 * launchers such as the platform runner; the children inherit ManagedProcess's no-orphan rules.
 */
export class ProcessGroup {
  private readonly members: { spec: SupervisedSpec; proc: ManagedProcess; restarts: number }[] = [];
  private stopping = false;

  constructor(
    private readonly opts: {
      log?: (msg: string) => void;
      /** Called when a member exits for good without being asked to (crash, restarts used up). */
      onGiveUp?: (name: string, exit: ExitInfo) => void;
    } = {},
  ) {}

  get processes(): ManagedProcess[] {
    return this.members.map((m) => m.proc);
  }

  get(name: string): ManagedProcess | undefined {
    return this.members.find((m) => m.spec.name === name)?.proc;
  }

  async start(spec: SupervisedSpec): Promise<ManagedProcess> {
    if (this.stopping) throw new Error('process group is stopping');
    const member = { spec, proc: new ManagedProcess(spec), restarts: 0 };
    this.members.push(member);
    await this.launch(member);
    return member.proc;
  }

  private async launch(member: {
    spec: SupervisedSpec;
    proc: ManagedProcess;
    restarts: number;
  }): Promise<void> {
    const { spec, proc } = member;
    proc.start();
    this.opts.log?.(`${spec.name} started (pid ${proc.pid})`);
    const started = proc.waitForExit();
    void started.then((exit) => this.onExit(member, exit));
    if (spec.ready) {
      const probe = spec.ready;
      await pollUntil(async () => probe(), {
        timeoutMs: spec.readyTimeoutMs ?? 60_000,
        intervalMs: 200,
        description: `${spec.name} to become ready`,
        abort: () => proc.exitReason(),
      });
      this.opts.log?.(`${spec.name} ready`);
    }
  }

  private async onExit(
    member: { spec: SupervisedSpec; proc: ManagedProcess; restarts: number },
    exit: ExitInfo,
  ): Promise<void> {
    if (this.stopping || member.proc.running) return;
    const crashed = exit.code !== 0 || exit.signal !== null;
    const { spec } = member;
    if (crashed && spec.restart === 'on-failure' && member.restarts < (spec.maxRestarts ?? 5)) {
      const delay = Math.min(10_000, 500 * 2 ** member.restarts);
      member.restarts += 1;
      this.opts.log?.(
        `${spec.name} exited (${exit.signal ?? `code ${exit.code}`}); restart ${member.restarts} in ${delay} ms`,
      );
      await sleep(delay);
      if (this.stopping) return;
      try {
        await this.launch(member);
      } catch (err) {
        this.opts.log?.(`${spec.name} restart failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      return;
    }
    this.opts.log?.(`${spec.name} exited (${exit.signal ?? `code ${exit.code}`})`);
    if (crashed) this.opts.onGiveUp?.(spec.name, exit);
  }

  /** Stops every member, last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const member of [...this.members].reverse()) await member.proc.stop();
  }
}
