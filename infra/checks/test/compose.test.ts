import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { paths, repoRoot } from '../src/paths';
import { runTool } from '../src/tools';
import { testWithTool } from './tools';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  restart?: string;
  mem_limit?: string;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const SERVICES = { supply: 4101, demand: 4102, 'park-onboarding': 4103, fund: 4104 } as const;

/** The file as docker-compose resolves it (anchors merged, .env interpolated). */
function resolvedCompose(): ComposeFile {
  const r = runTool('docker-compose', ['-f', 'docker-compose.yml', 'config']);
  if (r.status !== 0) throw new Error(r.output);
  return parseYaml(r.output) as ComposeFile;
}

const withCompose = testWithTool('docker-compose');
const withGo = testWithTool('go');
const GO_BUILD_TIMEOUT = 300_000;

let goBuilt = false;
/** Path of a checker from go/cmd, built on first use (the first build downloads its modules). */
function goTool(name: 'compose-v2' | 'dockerfile-lint'): string {
  const checks = path.join(repoRoot, 'infra/checks');
  if (!goBuilt) {
    const build = runTool(
      'go',
      ['-C', path.join(checks, 'go'), 'build', '-o', path.join(checks, '.cache/bin') + '/', './cmd/...'],
      GO_BUILD_TIMEOUT,
    );
    if (build.status !== 0) throw new Error(`go build failed:\n${build.output}`);
    goBuilt = true;
  }
  return path.join(checks, '.cache/bin', name);
}

describe('docker-compose.yml', () => {
  withCompose('docker-compose config -q accepts the file', () => {
    const r = runTool('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q']);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  // Debian has only docker-compose v1; Docker Compose v2 loads files with compose-go, so the
  // same loader (go/cmd/compose-v2, built into .cache) checks the file the v2 way.
  withGo(
    'Docker Compose v2 (compose-go) loads the file without warnings',
    () => {
      const r = runTool(goTool('compose-v2'), ['docker-compose.yml']);
      expect(r.output.trim()).toMatch(/^\d+ services$/);
      expect(r.status).toBe(0);
    },
    GO_BUILD_TIMEOUT,
  );

  test('every ${VAR} it uses is defined in .env', () => {
    const env = new Set(
      readFileSync(paths.dotenv, 'utf8')
        .split('\n')
        .map((l) => /^([A-Z_][A-Z0-9_]*)=/.exec(l)?.[1])
        .filter((v): v is string => Boolean(v)),
    );
    const used = [...readFileSync(paths.compose, 'utf8').matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map(
      (m) => m[1] as string,
    );
    expect(used.length).toBeGreaterThan(0);
    expect([...new Set(used)].filter((v) => !env.has(v))).toEqual([]);
  });

  withCompose('every container has a restart policy and a memory limit', () => {
    const { services } = resolvedCompose();
    for (const [name, s] of Object.entries(services)) {
      expect({ name, restart: s.restart, mem: Boolean(s.mem_limit) }).toEqual({
        name,
        restart: 'unless-stopped',
        mem: true,
      });
    }
  });

  withCompose(
    'the four services are built from the one Dockerfile, configured, health-checked and wired',
    () => {
      const { services } = resolvedCompose();
      for (const [name, port] of Object.entries(SERVICES)) {
        const s = services[name];
        expect(s?.build?.dockerfile).toBe('infra/docker/service.Dockerfile');
        expect(s?.build?.args?.SERVICE).toBe(name);
        expect(Object.keys(s?.environment ?? {})).toEqual(
          expect.arrayContaining([
            'SERVICE_NAME',
            'PORT',
            'MONGO_URL',
            'KAFKA_BROKERS',
            'JWT_SECRET',
            'OTEL_EXPORTER_OTLP_ENDPOINT',
            'AGENCY_REGIONS',
          ]),
        );
        expect(s?.environment?.SERVICE_NAME).toBe(name);
        expect(String(s?.environment?.PORT)).toBe(String(port));
        expect(s?.environment?.MONGO_URL).toBe(`mongodb://mongo-${name}:27017/corridor-${name}`);
        expect(s?.environment?.KAFKA_BROKERS).toBe('kafka:9092');
        expect(s?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
        expect(JSON.parse(String(s?.environment?.AGENCY_REGIONS))).toEqual(expect.any(Object));
        expect(s?.healthcheck?.test.join(' ')).toContain('/healthz');
        expect(s?.depends_on?.kafka?.condition).toBe('service_healthy');
        expect(s?.depends_on?.[`mongo-${name}`]?.condition).toBe('service_healthy');
        // one database per service
        expect(services[`mongo-${name}`]?.image).toMatch(/^mongo:7\./);
      }
    },
  );

  withCompose(
    'the infrastructure is there: KRaft Kafka 3.9.1, collector, Jaeger, Prometheus with rules, Grafana provisioned',
    () => {
      const { services } = resolvedCompose();
      expect(services.kafka?.image).toBe('apache/kafka:3.9.1');
      expect(services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(services.kafka?.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      expect(services['otel-collector']?.volumes?.join(' ')).toContain('infra/otel-collector/config.yaml');
      expect(services.jaeger?.image).toMatch(/^jaegertracing\//);
      expect(services.prometheus?.volumes?.join(' ')).toMatch(
        /infra\/prometheus\/rules:\/etc\/prometheus\/rules/,
      );
      expect(services.grafana?.volumes?.join(' ')).toMatch(
        /infra\/grafana\/provisioning:\/etc\/grafana\/provisioning/,
      );
      expect(services.grafana?.volumes?.join(' ')).toMatch(
        /infra\/grafana\/dashboards:\/etc\/grafana\/dashboards/,
      );
    },
  );
});

describe('infra/docker/service.Dockerfile', () => {
  const dockerfile = readFileSync(paths.dockerfile, 'utf8');
  const stages = [...dockerfile.matchAll(/^FROM\s+\S+(?:\s+AS\s+(\S+))?/gim)].map((m) => m[1]);

  test('is multi-stage, parameterised by SERVICE, and its runtime stage runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*[\s\S]*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  // No Docker engine here: BuildKit's own parser and parse-time lint rules (go/cmd/dockerfile-lint).
  withGo(
    'BuildKit parses it without lint warnings',
    () => {
      const r = runTool(goTool('dockerfile-lint'), ['infra/docker/service.Dockerfile']);
      expect(r.output.trim()).toBe(`infra/docker/service.Dockerfile: ${stages.length} stages`);
      expect(r.status).toBe(0);
    },
    GO_BUILD_TIMEOUT,
  );

  test('installs from the lockfile', () => {
    expect(dockerfile).toMatch(/npm ci\b/);
  });
});
