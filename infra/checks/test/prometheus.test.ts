import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { paths, repoRoot } from '../src/paths';
import { filesIn, readYaml, ruleFiles, rules } from '../src/sources';
import { runTool } from '../src/tools';
import { testWithTool } from './tools';

const rel = (f: string) => path.relative(repoRoot, f);
const withPromtool = testWithTool('promtool');

interface PromConfig {
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    honor_labels?: boolean;
    static_configs: { targets: string[]; labels?: Record<string, string> }[];
  }[];
}

describe('Prometheus configuration and alert rules', () => {
  withPromtool.each([paths.prometheusCompose, paths.prometheusLocal])('promtool check config %s', (file) => {
    const r = runTool('promtool', ['check', 'config', rel(file)]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  withPromtool('promtool check rules', () => {
    const r = runTool('promtool', ['check', 'rules', ...ruleFiles().map(rel)]);
    expect(r.status).toBe(0);
  });

  withPromtool('promtool test rules: every alert has unit tests and they pass', () => {
    const tests = filesIn(paths.prometheusTestsDir, /\.ya?ml$/);
    expect(tests.length).toBeGreaterThan(0);
    const r = runTool('promtool', ['test', 'rules', ...tests.map(rel)]);
    expect(r.output).not.toContain('FAILED');
    expect(r.status).toBe(0);

    const tested = new Set(
      tests.flatMap((t) =>
        readYaml<{ tests: { alert_rule_test?: { alertname: string }[] }[] }>(t).tests.flatMap((c) =>
          (c.alert_rule_test ?? []).map((a) => a.alertname),
        ),
      ),
    );
    const alerts = rules().flatMap(({ rule }) => (rule.alert ? [rule.alert] : []));
    expect(alerts.filter((a) => !tested.has(a))).toEqual([]);
  });

  test('the five alerts the platform needs exist', () => {
    const alerts = rules().map(({ rule }) => rule.alert);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'CorridorServiceDown',
        'CorridorHighErrorRate',
        'CorridorConsumerLagGrowing',
        'CorridorOutboxStale',
        'CorridorDeadLettersReceived',
      ]),
    );
  });

  test('every alert has severity, summary, description and a runbook that exists in docs/OPERATING.md', () => {
    const operating = readFileSync(paths.operating, 'utf8');
    const anchors = new Set(
      [...operating.matchAll(/^#+\s+(.+)$/gm)].map((m) =>
        (m[1] as string)
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const { rule } of rules().filter((r) => r.rule.alert)) {
      expect({ alert: rule.alert, severity: rule.labels?.severity }).toEqual({
        alert: rule.alert,
        severity: expect.stringMatching(/^(critical|warning)$/),
      });
      for (const key of ['summary', 'description', 'runbook']) {
        expect({ alert: rule.alert, key, present: Boolean(rule.annotations?.[key]?.trim()) }).toEqual({
          alert: rule.alert,
          key,
          present: true,
        });
      }
      const anchor = /docs\/OPERATING\.md#([a-z0-9-]+)/.exec(rule.annotations?.runbook ?? '')?.[1];
      expect({ alert: rule.alert, anchor, exists: anchor !== undefined && anchors.has(anchor) }).toEqual({
        alert: rule.alert,
        anchor,
        exists: true,
      });
    }
  });

  test('compose and local configs load the same rules and scrape the same four services', () => {
    const compose = readYaml<PromConfig>(paths.prometheusCompose);
    const local = readYaml<PromConfig>(paths.prometheusLocal);
    expect(local.rule_files).toEqual(compose.rule_files);

    const services = (c: PromConfig) => {
      const job = c.scrape_configs.find((j) => j.job_name === 'corridor-services');
      expect(job?.honor_labels).toBe(true);
      return (job?.static_configs ?? []).map((s) => ({ target: s.targets[0], service: s.labels?.service }));
    };
    expect(services(compose)).toEqual([
      { target: 'supply:4101', service: 'supply' },
      { target: 'demand:4102', service: 'demand' },
      { target: 'park-onboarding:4103', service: 'park-onboarding' },
      { target: 'fund:4104', service: 'fund' },
    ]);
    expect(services(local)).toEqual([
      { target: '127.0.0.1:4101', service: 'supply' },
      { target: '127.0.0.1:4102', service: 'demand' },
      { target: '127.0.0.1:4103', service: 'park-onboarding' },
      { target: '127.0.0.1:4104', service: 'fund' },
    ]);
  });

  test('the compose config scrapes the collector', () => {
    const compose = readYaml<PromConfig>(paths.prometheusCompose);
    const targets = compose.scrape_configs.flatMap((j) => j.static_configs.flatMap((s) => s.targets));
    expect(targets).toEqual(expect.arrayContaining(['otel-collector:8888', 'otel-collector:8889']));
  });
});
