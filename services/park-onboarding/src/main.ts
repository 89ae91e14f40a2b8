// Telemetry first: its instrumentations patch http/express/mongodb/kafkajs as they are loaded.
import { startTelemetry } from '@corridor/service-kit/telemetry';

const telemetry = startTelemetry({
  serviceName: 'park-onboarding',
  serviceVersion: process.env.SERVICE_VERSION ?? '0.1.0',
  ...(process.env.SERVICE_REGION ? { region: process.env.SERVICE_REGION } : {}),
});

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports */
const { runMain } = require('@corridor/service-kit') as typeof import('@corridor/service-kit');
const { createParkOnboardingService } = require('./app') as typeof import('./app');
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports */

void runMain(() => createParkOnboardingService(), { telemetry });
