// Import order matters: telemetry starts before express, mongodb and kafkajs are loaded.
import { telemetry } from './telemetry';
import { runMain } from '@corridor/service-kit';
import { createDemandService } from './app';

void runMain(() => createDemandService(), { telemetry });
