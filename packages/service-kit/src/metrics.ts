import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process. Every instrument the kit records lives here so the names in
 * docs/ARCHITECTURE.md, the Grafana dashboards and the alert rules have a single source.
 */
export const registry = new Registry();

let defaultsCollected = false;
/** Sets the `service` label on every series and turns on process metrics; call once at start-up. */
export function initMetrics(serviceName: string): void {
  registry.setDefaultLabels({ service: serviceName });
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: registry });
    // prom-client names these gauges `*_total`, which promtool (and Prometheus naming rules)
    // reserve for counters; `nodejs_active_resources{type}` carries the same information.
    for (const name of [
      'nodejs_active_handles_total',
      'nodejs_active_requests_total',
      'nodejs_active_resources_total',
    ]) {
      registry.removeSingleMetric(name);
    }
    defaultsCollected = true;
  }
}

export const httpRequestDuration = new Histogram({
  name: 'corridor_http_request_duration_seconds',
  help: 'HTTP request duration by route template, method and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const eventsProduced = new Counter({
  name: 'corridor_events_produced_total',
  help: 'Events acknowledged by the broker, by event type and topic',
  labelNames: ['type', 'topic'] as const,
  registers: [registry],
});

export const eventsConsumed = new Counter({
  name: 'corridor_events_consumed_total',
  help: 'Events taken from Kafka and finished, by outcome (processed, duplicate, ignored)',
  labelNames: ['type', 'topic', 'consumer', 'outcome'] as const,
  registers: [registry],
});

export const eventsFailed = new Counter({
  name: 'corridor_events_failed_total',
  help: 'Events that failed: invalid envelope/data, rejected by a domain rule, or handler error (each attempt)',
  labelNames: ['type', 'topic', 'consumer', 'reason'] as const,
  registers: [registry],
});

export const handlerDuration = new Histogram({
  name: 'corridor_event_handler_duration_seconds',
  help: 'Time spent in an event handler, including its MongoDB writes',
  labelNames: ['type', 'consumer'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  registers: [registry],
});

export const consumerLag = new Gauge({
  name: 'corridor_consumer_lag_messages',
  help: 'Messages between the committed offset of a consumer group and the partition high watermark',
  labelNames: ['consumer', 'topic', 'partition'] as const,
  registers: [registry],
});

export const outboxBacklog = new Gauge({
  name: 'corridor_outbox_backlog_events',
  help: 'Events committed with their aggregate but not yet acknowledged by Kafka',
  labelNames: ['collection'] as const,
  registers: [registry],
});

export const outboxOldestAge = new Gauge({
  name: 'corridor_outbox_oldest_age_seconds',
  help: 'Age of the oldest event still waiting in the outbox (0 when empty)',
  labelNames: ['collection'] as const,
  registers: [registry],
});

export const deadLetters = new Counter({
  name: 'corridor_dlq_events_total',
  help: 'Records sent to the dead-letter topic, by consumer, original topic and reason',
  labelNames: ['consumer', 'topic', 'reason'] as const,
  registers: [registry],
});
