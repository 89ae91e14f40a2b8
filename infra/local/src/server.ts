import { rmSync } from 'node:fs';
import type { ManagedProcess } from './supervisor';
import { pollUntil } from './wait';

/** What the broker and database handles share: one supervised process on a fixed port and data dir. */
export interface ServerLifecycle {
  /** Pid of the server process (changes on restart). */
  readonly pid: number | undefined;
  /** Stops the server; data and port stay reserved for restart(). */
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the server and deletes its data folder when the launcher created it. */
  destroy(): Promise<void>;
}

export interface ServeOptions {
  process: ManagedProcess;
  /** e.g. `kafka`, `ferretdb` */
  name: string;
  /** `host:port`, for the log line and the timeout message */
  address: string;
  logFile: string;
  /** true once the server really answers (not merely listens) */
  answers: () => Promise<boolean>;
  timeoutMs: number;
  intervalMs: number;
  dataDir: string;
  ownsDataDir: boolean;
  log: (msg: string) => void;
}

/**
 * Starts the process and waits until it answers; a start that fails or times out stops the
 * process again so nothing is left running. The returned handle restarts the same way.
 */
export async function serve(o: ServeOptions): Promise<ServerLifecycle> {
  const launch = async () => {
    o.process.start();
    o.log(`${o.name} pid ${o.process.pid} starting on ${o.address} (log ${o.logFile})`);
    try {
      await pollUntil(async () => (await o.answers()) || undefined, {
        timeoutMs: o.timeoutMs,
        intervalMs: o.intervalMs,
        description: `${o.name} on ${o.address}`,
        abort: () => o.process.exitReason(),
      });
    } catch (err) {
      await o.process.stop();
      throw err;
    }
  };
  await launch();
  return {
    get pid() {
      return o.process.pid;
    },
    stop: () => o.process.stop(),
    restart: async () => {
      await o.process.stop();
      await launch();
    },
    destroy: async () => {
      await o.process.stop();
      if (o.ownsDataDir) rmSync(o.dataDir, { recursive: true, force: true });
    },
  };
}
