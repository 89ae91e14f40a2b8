import { paths } from '../src/paths';
import { readYaml } from '../src/sources';

interface CollectorConfig {
  receivers: Record<string, unknown>;
  processors: Record<string, unknown>;
  exporters: Record<string, { endpoint?: string }>;
  extensions?: Record<string, unknown>;
  service: {
    extensions?: string[];
    pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }>;
  };
}

describe('infra/otel-collector/config.yaml', () => {
  const config = readYaml<CollectorConfig>(paths.otelCollector);

  test('every component a pipeline names is defined', () => {
    for (const [name, p] of Object.entries(config.service.pipelines)) {
      expect({ name, missing: p.receivers.filter((r) => !(r in config.receivers)) }).toEqual({
        name,
        missing: [],
      });
      expect({ name, missing: p.processors.filter((r) => !(r in config.processors)) }).toEqual({
        name,
        missing: [],
      });
      expect({ name, missing: p.exporters.filter((r) => !(r in config.exporters)) }).toEqual({
        name,
        missing: [],
      });
    }
    for (const ext of config.service.extensions ?? []) expect(config.extensions).toHaveProperty([ext]);
  });

  test('OTLP in; memory_limiter first and batch in every pipeline; traces to Jaeger, metrics to Prometheus', () => {
    const { traces, metrics } = config.service.pipelines;
    for (const p of [traces, metrics]) {
      expect(p?.receivers).toEqual(['otlp']);
      expect(p?.processors[0]).toBe('memory_limiter');
      expect(p?.processors).toContain('batch');
    }
    expect(traces?.exporters.map((e) => config.exporters[e]?.endpoint)).toEqual(['jaeger:4317']);
    expect(metrics?.exporters).toEqual(['prometheus']);
    expect(config.exporters.prometheus?.endpoint).toBe('0.0.0.0:8889');
  });
});
