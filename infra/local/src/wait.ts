export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it resolves truthy or the deadline passes. `abort` lets the caller stop
 * early with a better reason (e.g. the process being waited for has already died).
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined | false>,
  opts: { timeoutMs: number; intervalMs?: number; description: string; abort?: () => string | undefined },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = opts.abort?.();
    if (reason) throw new Error(`${opts.description}: ${reason}`);
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const last = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.description}${last}`);
    }
    await sleep(opts.intervalMs ?? 200);
  }
}
