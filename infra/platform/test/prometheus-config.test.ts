import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { derivePrometheusConfig, localPrometheusConfig } from '../src';

const targets = {
  supply: '127.0.0.1:5101',
  demand: '127.0.0.1:5102',
  'park-onboarding': '127.0.0.1:5103',
  fund: '127.0.0.1:5104',
};

interface Parsed {
  global: Record<string, string>;
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    static_configs: { targets: string[]; labels?: { service?: string } }[];
  }[];
}

describe('derivePrometheusConfig (infra/prometheus/prometheus.local.yml with real addresses)', () => {
  const derived = derivePrometheusConfig(localPrometheusConfig(), {
    targets,
    prometheusPort: 19090,
    scrapeInterval: '1s',
  });
  const config = parse(derived) as Parsed;

  test('points each service label at that service and the self-scrape at the chosen port', () => {
    const byService = Object.fromEntries(
      config.scrape_configs.flatMap((j) =>
        j.static_configs.filter((s) => s.labels?.service).map((s) => [s.labels!.service!, s.targets]),
      ),
    );
    expect(byService).toEqual({
      supply: [targets.supply],
      demand: [targets.demand],
      'park-onboarding': [targets['park-onboarding']],
      fund: [targets.fund],
    });
    expect(
      config.scrape_configs.find((j) => j.job_name === 'prometheus')?.static_configs[0]?.targets,
    ).toEqual(['127.0.0.1:19090']);
    expect(config.global.scrape_interval).toBe('1s');
  });

  test('keeps the rule files, now as absolute paths into infra/prometheus', () => {
    expect(config.rule_files.length).toBeGreaterThan(0);
    for (const f of config.rule_files) expect(f.startsWith(path.dirname(localPrometheusConfig()))).toBe(true);
  });

  const promtool = '/usr/bin/promtool';
  (existsSync(promtool) ? test : test.skip)(
    'is a valid Prometheus config with loadable rules (promtool check config)',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'corridor-prom-'));
      try {
        const file = path.join(dir, 'prometheus.yml');
        writeFileSync(file, derived);
        const r = spawnSync(promtool, ['check', 'config', file], { encoding: 'utf8' });
        expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
        expect(r.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
