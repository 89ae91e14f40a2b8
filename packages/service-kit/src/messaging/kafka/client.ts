import { Kafka, logLevel as KafkaLogLevel, type KafkaConfig } from 'kafkajs';

/**
 * The only place that decides how a kafkajs client is built. Everything public in the kit takes
 * `KafkaSettings` (plain data), so the client library can be swapped (e.g. for
 * @confluentinc/kafka-javascript's KafkaJS-compatible API) behind this file and its siblings.
 */
export interface KafkaSettings {
  brokers: string[];
  clientId?: string;
  /** 'nothing' | 'error' | 'warn' | 'info' | 'debug'; default 'error' (outages are logged by the kit) */
  logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
  connectionTimeoutMs?: number;
}

const LEVELS = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
} as const;

export function createKafka(settings: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  return new Kafka({
    clientId: settings.clientId ?? 'corridor',
    brokers: settings.brokers,
    logLevel: LEVELS[settings.logLevel ?? 'error'],
    connectionTimeout: settings.connectionTimeoutMs ?? 3000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    ...overrides,
  });
}

export function parseBrokers(value: string | string[]): string[] {
  return (Array.isArray(value) ? value : value.split(','))
    .map((b) => b.trim())
    .filter(Boolean);
}
