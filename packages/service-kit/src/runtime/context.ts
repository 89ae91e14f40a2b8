import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestScope {
  correlationId: string;
  /** ce_id of the consumed event being handled; absent for HTTP requests. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with a correlation id visible to every log line and event created inside it. */
export function withCorrelationId<T>(correlationId: string | undefined, fn: () => T): T {
  return storage.run({ correlationId: correlationId || randomUUID() }, fn);
}

/**
 * Runs an event handler so that events it creates (newEvent) continue the consumed event's
 * correlation and name it as their cause.
 */
export function withEventScope<T>(event: { id: string; correlationId?: string }, fn: () => T): T {
  return storage.run({ correlationId: event.correlationId || randomUUID(), causationId: event.id }, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** ce_id of the event whose handler is running, if any. */
export function currentCausationId(): string | undefined {
  return storage.getStore()?.causationId;
}
