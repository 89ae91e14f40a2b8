export interface WaitForOptions {
  /** Deadline for the whole wait (default 20 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
  /** What is being waited for; appears in the timeout error. */
  description?: string;
}

/**
 * Polls `condition` until it returns something other than `false`, `null` or `undefined`, and
 * returns that value. A throwing condition counts as "not yet"; on the deadline the error names
 * the description and the last thrown error, so assertion-style conditions
 * (`() => { expect(x).toBe(1); return true; }`) report why they never held.
 */
export async function waitFor<T>(
  condition: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 100;
  const description = options.description ?? 'condition';
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await condition();
      if (value !== false && value !== null && value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const last =
        lastError === undefined
          ? ''
          : `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      const error = new Error(
        `waitFor: ${description} did not hold within ${timeoutMs} ms (${attempts} attempts)${last}`,
      );
      if (lastError !== undefined) (error as Error & { cause?: unknown }).cause = lastError;
      throw error;
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))),
    );
  }
}
