import { telemetry } from './telemetry';
import { createLogger, loadConfig, runMain } from '@corridor/service-kit';
import { createFundService } from './app';

const config = loadConfig(undefined, { SERVICE_NAME: 'fund', PORT: '4104', ...process.env });
void runMain(() => createFundService({ config, logger: createLogger('fund', config.LOG_LEVEL) }), { telemetry });
