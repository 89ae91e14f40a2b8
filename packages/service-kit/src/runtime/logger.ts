import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { currentCorrelationId } from './context';

/**
 * JSON logger whose every line carries the active span and correlation id, so a log line can be
 * joined to its trace in the collector and to the business flow it belongs to.
 */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const fields: Record<string, string> = {};
      const ctx = trace.getActiveSpan()?.spanContext();
      if (ctx && ctx.traceId !== '00000000000000000000000000000000') {
        fields.trace_id = ctx.traceId;
        fields.span_id = ctx.spanId;
      }
      const correlationId = currentCorrelationId();
      if (correlationId) fields.correlation_id = correlationId;
      return fields;
    },
  });
}

export type Logger = pino.Logger;
