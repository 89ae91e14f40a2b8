import { W3CTraceContextPropagator, CompositePropagator, W3CBaggagePropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion: string;
  region?: string;
  /** OTLP/HTTP base URL (the collector's :4318); defaults to OTEL_EXPORTER_OTLP_ENDPOINT. */
  otlpEndpoint?: string;
  /** Tests inject an in-memory exporter; spans are then exported synchronously. */
  spanExporter?: SpanExporter;
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

let active: Telemetry | undefined;

/**
 * Starts the OpenTelemetry SDK. Must run before express, mongoose, mongodb or kafkajs are
 * required, because the instrumentations patch those modules as they load: `main.ts` imports
 * `@corridor/service-kit/telemetry`-style as its very first statement (see README "Telemetry").
 * Without an endpoint or exporter spans are still created (so trace ids reach logs and Kafka
 * headers) but go nowhere.
 */
export function startTelemetry(opts: TelemetryOptions): Telemetry {
  if (active) return active;
  // Metrics go through prom-client and logs through pino; stop the SDK from defaulting to OTLP for them.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';

  const endpoint = opts.otlpEndpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  let spanProcessor: SpanProcessor;
  if (opts.spanExporter) spanProcessor = new SimpleSpanProcessor(opts.spanExporter);
  else if (endpoint)
    spanProcessor = new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    );
  else spanProcessor = new NoopSpanProcessor();

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: opts.serviceName,
      [ATTR_SERVICE_VERSION]: opts.serviceVersion,
      ...(opts.region ? { 'corridor.region': opts.region } : {}),
    }),
    autoDetectResources: false,
    spanProcessors: [spanProcessor],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) =>
          req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      }),
      new ExpressInstrumentation(),
      new MongoDBInstrumentation(),
      new MongooseInstrumentation(),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  active = {
    async shutdown() {
      await sdk.shutdown();
      active = undefined;
    },
  };
  return active;
}
