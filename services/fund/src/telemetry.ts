// Imported first by main.ts: the instrumentations patch express, mongodb and kafkajs as they load.
import { startTelemetry } from '@corridor/service-kit/telemetry';

export const telemetry = startTelemetry({
  serviceName: 'fund',
  serviceVersion: process.env.SERVICE_VERSION ?? '0.1.0',
  ...(process.env.SERVICE_REGION ? { region: process.env.SERVICE_REGION } : {}),
});
