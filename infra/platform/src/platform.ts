import { rmSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '@corridor/local-infra';
import { DEV_JWT_SECRET, signToken } from '@corridor/service-kit';
import { runDemoChain, type DemoChainResult } from './demo-chain';
import { startInfra, type Infra } from './infra';
import { startPrometheus, type RunningPrometheus } from './prometheus';
import { seedReferenceData } from './seed';
import { startServices, type RunningServices, type ServiceName } from './services';

export interface PlatformOptions {
  /** State root (logs, launcher data, Prometheus data); default `.cache/platform`. */
  stateDir?: string;
  ports?: 'auto' | 'default';
  databasePrefix?: string;
  topicPrefix?: string;
  chain?: boolean;
  prometheus?: boolean;
  /** Delete the launcher's broker/database data and Prometheus data first. */
  fresh?: boolean;
  noDocker?: boolean;
  log?: (line: string) => void;
}

export interface Platform {
  infra: Infra;
  services: RunningServices;
  prometheus?: RunningPrometheus;
  chain?: DemoChainResult;
  jwtSecret: string;
  /** Services first (SIGTERM: they drain and flush their outboxes), then Prometheus, then broker and database. */
  stop(): Promise<void>;
}

/**
 * Runs everything `npm start` shows. `register` receives the stop function at once, so a signal
 * during start-up stops whatever has started so far; a failed start-up stops it before throwing.
 */
export async function upPlatform(
  opts: PlatformOptions,
  register: (stop: () => Promise<void>) => void = () => {},
): Promise<Platform> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const stateDir = opts.stateDir ?? process.env.CORRIDOR_PLATFORM_DIR ?? path.join(cacheDir(), 'platform');
  const jwtSecret = process.env.JWT_SECRET ?? DEV_JWT_SECRET;
  if (opts.fresh) {
    for (const d of ['data', 'prometheus']) rmSync(path.join(stateDir, d), { recursive: true, force: true });
  }

  let infra: Infra | undefined;
  let services: RunningServices | undefined;
  let prometheus: RunningPrometheus | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (services) {
        log('stopping the services (SIGTERM)…');
        await services.stop();
      }
      if (prometheus) await prometheus.stop();
      if (infra && infra.source !== 'env') log('stopping Kafka and the database…');
      await infra?.stop();
    })();
    return stopped;
  };
  register(stop);

  try {
    log('==> broker and database');
    infra = await startInfra({
      dataDir: path.join(stateDir, 'data'),
      log,
      ...(opts.noDocker ? { noDocker: true } : {}),
    });
    log(`  Kafka ${infra.kafkaBrokers}, database ${infra.mongoUrl} (${infra.describe})`);

    log('==> services');
    services = await startServices({
      kafkaBrokers: infra.kafkaBrokers,
      mongoUrl: infra.mongoUrl,
      ports: opts.ports === 'auto' ? 'auto' : undefined,
      ...(opts.databasePrefix ? { databasePrefix: opts.databasePrefix } : {}),
      ...(opts.topicPrefix ? { topicPrefix: opts.topicPrefix } : {}),
      logDir: path.join(stateDir, 'logs'),
      jwtSecret,
      log,
    });
    log('  all four report ready (/readyz)');

    log('==> reference data');
    const operator = await signToken({
      secret: jwtSecret,
      sub: 'corridor-platform-seed',
      region: 'CN-BJ',
      roles: ['operator'],
    });
    await seedReferenceData(services.urls, operator, log);

    let chain: DemoChainResult | undefined;
    if (opts.chain !== false) {
      log('==> the chain (DESIGN.md §3)');
      chain = await runDemoChain({ urls: services.urls, jwtSecret, log });
    }

    if (opts.prometheus !== false) {
      log('==> Prometheus');
      const targets = Object.fromEntries(
        services.services.map((s) => [s.name, `127.0.0.1:${s.port}`]),
      ) as Record<ServiceName, string>;
      prometheus = await startPrometheus({
        targets,
        dataDir: path.join(stateDir, 'prometheus'),
        logFile: path.join(stateDir, 'logs', 'prometheus.log'),
      });
      if (!prometheus)
        log('  /usr/bin/prometheus is not installed (scripts/bootstrap.sh installs it): skipped');
    }

    return {
      infra,
      services,
      ...(prometheus ? { prometheus } : {}),
      ...(chain ? { chain } : {}),
      jwtSecret,
      stop,
    };
  } catch (err) {
    if (services) {
      for (const s of services.services) {
        if (!s.process.running) continue;
        log(`--- last lines of ${s.logFile}`);
        log(s.process.logTail(8));
      }
    }
    await stop();
    throw err;
  }
}

/** The "where is everything" block printed after start-up. */
export function describePlatform(p: Platform): string[] {
  const lines = ['==> running'];
  for (const s of p.services.services) {
    lines.push(
      `  ${s.name.padEnd(16)} ${s.url}   ${s.url}/openapi.json   ${s.url}/metrics   (log ${s.logFile})`,
    );
  }
  lines.push(
    p.prometheus
      ? `  prometheus       ${p.prometheus.url}   (config ${p.prometheus.configFile})`
      : '  prometheus       not running',
  );
  lines.push(`  Kafka ${p.infra.kafkaBrokers}   database ${p.infra.mongoUrl}`);
  if (p.chain) lines.push(`  chain correlation id ${p.chain.correlationId} (grep the service logs for it)`);
  const secret = process.env.JWT_SECRET ? ' (with the same JWT_SECRET exported)' : '';
  const first = p.services.services[0]!;
  lines.push('try:');
  lines.push(
    `  TOKEN=$(npm run -s token -- --region CN-TJ --roles agency-writer,agency-reader --agency tj-kjj)${secret}`,
  );
  lines.push(`  curl -s -H "Authorization: Bearer $TOKEN" ${p.services.urls.demand}/kpis`);
  lines.push(`  curl -s ${first.url}/metrics | grep corridor_`);
  return lines;
}
