import {
  context,
  propagation,
  trace,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Context,
  type Span,
} from '@opentelemetry/api';

/** W3C trace context as carried in Kafka headers and stored with outbox events. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

const tracer = () => trace.getTracer('@corridor/service-kit/messaging');

/** Serialises the given (default: active) context; empty when no span is recording. */
export function captureTraceContext(ctx: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const out: TraceCarrier = {};
  if (carrier.traceparent) out.traceparent = carrier.traceparent;
  if (carrier.tracestate) out.tracestate = carrier.tracestate;
  return out;
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function headerString(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Rebuilds the producer's context from Kafka headers (or a stored carrier). */
export function extractTraceContext(headers: Record<string, HeaderValue> | TraceCarrier | undefined): Context {
  if (!headers) return ROOT_CONTEXT;
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate'] as const) {
    const v = headerString((headers as Record<string, HeaderValue>)[name]);
    if (v) carrier[name] = v;
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/**
 * Starts a PRODUCER span continuing `carrier` (the context captured when the state change was
 * written; the active context when absent) and returns the carrier of that span for the headers.
 * The caller ends the span once the broker acknowledged (or failed).
 */
export function startPublishSpan(
  topic: string,
  carrier: TraceCarrier | undefined,
  attributes: Record<string, string | number>,
): { span: Span; carrier: TraceCarrier } {
  const parent = carrier?.traceparent ? extractTraceContext(carrier) : context.active();
  const span = tracer().startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'send', ...attributes },
    },
    parent,
  );
  const own = captureTraceContext(trace.setSpan(parent, span));
  // Without an SDK the span is non-recording and injects nothing: keep the stored context then.
  return { span, carrier: own.traceparent ? own : (carrier ?? {}) };
}

export function endSpan(span: Span, err?: unknown): void {
  if (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
  }
  span.end();
}

/** Span attribute carrying the correlation id on HTTP server spans and consumer `process` spans. */
export const CORRELATION_SPAN_ATTRIBUTE = 'corridor.correlation_id';

/**
 * Starts the consumer's `process` span as a CHILD of the producer context carried in the
 * headers, plus a LINK to it (docs/ARCHITECTURE.md "Tracing through Kafka"): one trace id
 * follows a business flow across services, and the link keeps the relation explicit for
 * back-ends that draw messaging as links.
 */
export async function withProcessSpan<R>(
  topic: string,
  headers: Record<string, HeaderValue> | undefined,
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<R>,
): Promise<R> {
  const parent = extractTraceContext(headers);
  const producer = trace.getSpanContext(parent);
  return tracer().startActiveSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      links: producer ? [{ context: producer }] : [],
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'process', ...attributes },
    },
    parent,
    (span) => runSpan(span, () => fn(span)),
  );
}

/**
 * One `process` span for records handled together: a root span with a LINK to every producer
 * context (a span has one parent, so a batch cannot be the child of each of them).
 */
export async function withBatchProcessSpan<R>(
  topic: string,
  headers: (Record<string, HeaderValue> | undefined)[],
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<R>,
): Promise<R> {
  const links = headers.flatMap((h) => {
    const sc = trace.getSpanContext(extractTraceContext(h));
    return sc ? [{ context: sc }] : [];
  });
  return tracer().startActiveSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      root: true,
      links,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'process', ...attributes },
    },
    (span) => runSpan(span, () => fn(span)),
  );
}

async function runSpan<R>(span: Span, fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
    throw err;
  } finally {
    span.end();
  }
}
