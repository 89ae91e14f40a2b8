// Telemetry must patch http/express/mongodb/kafkajs before anything requires them.
import { startTelemetry } from '@corridor/service-kit';

const telemetry = startTelemetry({ serviceName: 'supply', serviceVersion: process.env.SERVICE_VERSION ?? '0.0.0' });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runMain } = require('@corridor/service-kit') as typeof import('@corridor/service-kit');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createSupplyService } = require('./app') as typeof import('./app');

void runMain(() => createSupplyService(), { telemetry });
