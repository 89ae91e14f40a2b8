// Loaded first by main.ts: the instrumentations patch express, mongodb and kafkajs as they are
// required, so this module must not import anything that pulls them in. The kit's root entry
// does (it re-exports the HTTP app), hence the deep import — see docs/notes/kit-requests.md.
import { startTelemetry } from '@corridor/service-kit/dist/runtime/telemetry';

export const telemetry = startTelemetry({
  serviceName: 'demand',
  serviceVersion: process.env.SERVICE_VERSION ?? '0.0.0',
  ...(process.env.SERVICE_REGION ? { region: process.env.SERVICE_REGION } : {}),
});
