import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@corridor/testkit';
import request from 'supertest';
import { spawnFixture, type FixtureProcess } from './support';

interface OtlpAttr {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  attributes?: OtlpAttr[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: OtlpAttr[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}
interface LogLine {
  msg?: string;
  port?: number;
  trace_id?: string;
  span_id?: string;
  correlation_id?: string;
}

const attr = (attrs: OtlpAttr[] | undefined, key: string) => {
  const v = attrs?.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? String(v.intValue) : undefined);
};

describe('startTelemetry in a real process', () => {
  const exports: OtlpExport[] = [];
  let collector: Server;
  let fx: FixtureProcess<LogLine>;

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector: records what the SDK exports as JSON.
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (req.url === '/v1/traces') exports.push(JSON.parse(body) as OtlpExport);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    fx = await spawnFixture<LogLine>('kit-otel-fixture', 'telemetry-fixture.ts', {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    });
  });

  afterAll(async () => {
    if (fx.exitCode === undefined) fx.child.kill('SIGKILL');
    await new Promise((resolve) => collector.close(resolve));
  });

  it('continues the caller trace, stamps logs with it, and exports spans with the service resource', async () => {
    const started = await waitFor(() => fx.lines.find((l) => l.msg === 'service started'), {
      description: 'the child service to start',
      timeoutMs: 60_000,
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await request(`http://127.0.0.1:${started.port}`)
      .get('/things/t-1')
      .set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`)
      .set('x-correlation-id', 'corr-otel-1');
    expect(res.status).toBe(200);

    const log = await waitFor(() => fx.lines.find((l) => l.msg === 'handling thing'), {
      description: 'the handler log line',
    });
    expect(log.trace_id).toBe(traceId);
    expect(log.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(log.correlation_id).toBe('corr-otel-1');

    fx.child.kill('SIGTERM'); // runMain flushes the exporter on the way out
    await waitFor(() => fx.exitCode !== undefined || undefined, {
      description: 'the child to exit',
      timeoutMs: 30_000,
    });
    expect(fx.exitCode).toBe(0);

    const resource = exports[0]?.resourceSpans[0]?.resource.attributes;
    expect(attr(resource, 'service.name')).toBe('kit-otel-fixture');
    expect(attr(resource, 'service.version')).toBe('9.9.9');
    expect(attr(resource, 'corridor.region')).toBe('CN-TJ');
    const spans = exports.flatMap((e) =>
      e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
    const inTrace = spans.filter((s) => s.traceId === traceId);
    const server = inTrace.find(
      (s) => attr(s.attributes, 'http.route') === '/things/:id' && s.name.startsWith('GET'),
    );
    expect(server).toBeDefined();
    // Operators search Jaeger by the id they got from x-correlation-id.
    expect(attr(server!.attributes, 'corridor.correlation_id')).toBe('corr-otel-1');
    expect(
      inTrace.some(
        (s) =>
          attr(s.attributes, 'db.system') === 'mongodb' || attr(s.attributes, 'db.system.name') === 'mongodb',
      ),
    ).toBe(true);
  });
});
