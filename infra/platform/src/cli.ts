#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { exitOnSignals } from '@corridor/local-infra';
import { describePlatform, upPlatform } from './platform';

const USAGE = `usage: corridor-platform up [--once] [--no-chain] [--no-prometheus] [--ports auto] [--fresh]
                         [--db-prefix corridor_] [--topic-prefix <p>] [--state-dir <dir>] [--no-docker]

Starts Kafka and the database (KAFKA_BROKERS + MONGO_URL from the environment when both are set),
the four services, seeds reference data, runs the demo chain and starts Prometheus, then runs
until Ctrl-C. --once stops everything after the chain (exit 0 when it completed).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      once: { type: 'boolean', default: false },
      'no-chain': { type: 'boolean', default: false },
      'no-prometheus': { type: 'boolean', default: false },
      'no-docker': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      ports: { type: 'string', default: 'default' },
      'db-prefix': { type: 'string' },
      'topic-prefix': { type: 'string' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals[0] !== 'up' || !['auto', 'default'].includes(values.ports)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

  let stop: (() => Promise<void>) | undefined;
  // From the first moment: Ctrl-C during start-up stops what has started so far.
  exitOnSignals(async () => {
    console.log('\nstopping…');
    await stop?.();
    console.log('stopped');
  });
  const platform = await upPlatform(
    {
      ports: values.ports as 'auto' | 'default',
      chain: !values['no-chain'],
      prometheus: !values['no-prometheus'] && !values.once,
      fresh: values.fresh,
      noDocker: values['no-docker'],
      ...(values['db-prefix'] ? { databasePrefix: values['db-prefix'] } : {}),
      ...(values['topic-prefix'] ? { topicPrefix: values['topic-prefix'] } : {}),
      ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
    },
    (s) => (stop = s),
  );
  for (const line of describePlatform(platform)) console.log(line);
  if (values.once) {
    await platform.stop();
    console.log('done (--once)');
    return 0;
  }
  let stopping = false;
  const stopAll = stop;
  stop = async () => {
    stopping = true;
    await stopAll?.();
  };
  // A service that dies while the platform runs is reported, not silently missing.
  for (const s of platform.services.services) {
    void s.process.waitForExit().then(() => {
      if (!stopping)
        console.error(`!! ${s.process.exitReason() ?? `${s.name} exited`}\n   (log ${s.logFile})`);
    });
  }
  console.log('running — Ctrl-C stops everything');
  await new Promise(() => {}); // until a signal
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
