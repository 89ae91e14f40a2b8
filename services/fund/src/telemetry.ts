// Imported first by main.ts: the instrumentations patch express, mongodb and kafkajs as they load.
// Deep import because the kit's index itself loads those modules (kit request: a ./telemetry subpath export).
import { startTelemetry } from '@corridor/service-kit/dist/runtime/telemetry';

export const telemetry = startTelemetry({ serviceName: 'fund', serviceVersion: process.env.SERVICE_VERSION ?? '0.1.0' });
