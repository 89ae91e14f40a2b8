import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ManagedProcess, freePort, isPortOpen, pollUntil, repoRoot } from '@corridor/local-infra';
import { parse, stringify } from 'yaml';
import type { ServiceName } from './services';

export const PROMETHEUS_BINARY = process.env.CORRIDOR_PROMETHEUS ?? '/usr/bin/prometheus';

export function localPrometheusConfig(): string {
  return path.join(repoRoot(), 'infra', 'prometheus', 'prometheus.local.yml');
}

interface StaticConfig {
  targets: string[];
  labels?: Record<string, string>;
}
interface ScrapeConfig {
  job_name: string;
  static_configs?: StaticConfig[];
  [key: string]: unknown;
}
interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs?: ScrapeConfig[];
  [key: string]: unknown;
}

export interface DeriveOptions {
  /** host:port of each service's /metrics, replacing the file's 127.0.0.1:410x. */
  targets: Record<ServiceName, string>;
  /** Prometheus's own port, for its self-scrape job. */
  prometheusPort: number;
  scrapeInterval?: string;
}

/**
 * The observability engineer's local config with the actual service addresses: targets are
 * matched by their `service` label, rule files are made absolute (the derived file lives
 * elsewhere), everything else (jobs, labels, rules) stays as written.
 */
export function derivePrometheusConfig(source: string, opts: DeriveOptions): string {
  const config = parse(readFileSync(source, 'utf8')) as PrometheusConfig;
  const dir = path.dirname(source);
  config.rule_files = (config.rule_files ?? []).map((f) => (path.isAbsolute(f) ? f : path.join(dir, f)));
  if (opts.scrapeInterval) {
    config.global = {
      ...config.global,
      scrape_interval: opts.scrapeInterval,
      evaluation_interval: opts.scrapeInterval,
    };
  }
  for (const job of config.scrape_configs ?? []) {
    for (const sc of job.static_configs ?? []) {
      const service = sc.labels?.service as ServiceName | undefined;
      if (service && opts.targets[service]) sc.targets = [opts.targets[service]];
      else if (job.job_name === 'prometheus') sc.targets = [`127.0.0.1:${opts.prometheusPort}`];
    }
  }
  return stringify(config);
}

export interface PrometheusOptions {
  targets: Record<ServiceName, string>;
  /** Wanted port; a free one is taken when it is busy or 0. Default 9090. */
  port?: number;
  dataDir: string;
  logFile: string;
  source?: string;
  scrapeInterval?: string;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  configFile: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Debian's Prometheus on the derived config; undefined when the binary is not installed. */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus | undefined> {
  if (!existsSync(PROMETHEUS_BINARY)) return undefined;
  const wanted = opts.port ?? 9090;
  // 0 (tests) or a busy port: any free one.
  const port = wanted === 0 || (await isPortOpen(wanted)) ? await freePort() : wanted;
  mkdirSync(opts.dataDir, { recursive: true });
  const configFile = path.join(opts.dataDir, 'prometheus.yml');
  writeFileSync(
    configFile,
    derivePrometheusConfig(opts.source ?? localPrometheusConfig(), {
      targets: opts.targets,
      prometheusPort: port,
      ...(opts.scrapeInterval ? { scrapeInterval: opts.scrapeInterval } : {}),
    }),
  );
  const proc = new ManagedProcess({
    name: 'prometheus',
    command: PROMETHEUS_BINARY,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(opts.dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    logFile: opts.logFile,
    stopTimeoutMs: 10_000,
  });
  proc.start();
  const url = `http://127.0.0.1:${port}`;
  try {
    await pollUntil(
      async () => {
        const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        return res.ok;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        description: 'Prometheus /-/ready',
        abort: () => proc.exitReason(),
      },
    );
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { url, port, configFile, process: proc, stop: () => proc.stop() };
}

/** One instant query against the Prometheus HTTP API. */
export async function queryPrometheus(
  url: string,
  query: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`, {
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as {
    status: string;
    data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    error?: string;
  };
  if (body.status !== 'success')
    throw new Error(`Prometheus query ${query} failed: ${body.error ?? res.status}`);
  return body.data?.result ?? [];
}
