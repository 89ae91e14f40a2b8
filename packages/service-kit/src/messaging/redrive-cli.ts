#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SERVICES, type ServiceName } from '@corridor/contracts';
import { parseBrokers } from './kafka/client';
import { redriveDeadLetters } from './kafka/redrive';

const USAGE = `usage: corridor-redrive <service> [--brokers host:port,...] [--dlq-topic name]
                       [--reason invalid|rejected|handler] [--id <ce_id>] [--from-offset n] [--original-topic name]
Re-publishes dead letters of <service> (${SERVICES.join(', ')}) to their original topic.
Brokers default to $KAFKA_BROKERS.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      brokers: { type: 'string' },
      'dlq-topic': { type: 'string' },
      reason: { type: 'string' },
      id: { type: 'string' },
      'from-offset': { type: 'string' },
      'original-topic': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const service = positionals[0];
  if (values.help || (!service && !values['dlq-topic'])) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (service && !(SERVICES as readonly string[]).includes(service)) {
    process.stderr.write(`unknown service ${service}\n${USAGE}\n`);
    return 2;
  }
  const brokers = parseBrokers(values.brokers ?? process.env.KAFKA_BROKERS ?? '');
  if (brokers.length === 0) {
    process.stderr.write('no brokers: pass --brokers or set KAFKA_BROKERS\n');
    return 2;
  }
  const fromOffset = values['from-offset'] ? Number(values['from-offset']) : 0;
  const result = await redriveDeadLetters({
    brokers,
    ...(service ? { service: service as ServiceName } : {}),
    ...(values['dlq-topic'] ? { dlqTopic: values['dlq-topic'] } : {}),
    filter: (l) =>
      (!values.reason || l.reason === values.reason) &&
      (!values.id || l.headers.ce_id === values.id) &&
      (!values['original-topic'] || l.originalTopic === values['original-topic']) &&
      Number(l.offset) >= fromOffset,
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
