import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '@corridor/testkit';
import request from 'supertest';
import { infra, testConfig, testDatabaseUrl } from './support';

interface LogLine {
  msg?: string;
  port?: number;
}

describe('runMain graceful shutdown', () => {
  let child: ChildProcess;
  const lines: LogLine[] = [];
  let exitCode: number | null | undefined;

  beforeAll(async () => {
    const { mongoServerUrl, brokers } = await infra();
    const cfg = testConfig('kit-main-fixture', testDatabaseUrl('kit-main', mongoServerUrl), brokers);
    child = spawn(
      process.execPath,
      [
        '-r',
        path.join(__dirname, 'fixtures/ts-register.js'),
        path.join(__dirname, 'fixtures/main-fixture.ts'),
      ],
      {
        env: {
          ...process.env,
          SERVICE_NAME: 'kit-main-fixture',
          PORT: '0',
          MONGO_URL: cfg.MONGO_URL,
          KAFKA_BROKERS: cfg.KAFKA_BROKERS.join(','),
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line
        }
      }
    });
    child.on('exit', (code) => {
      exitCode = code;
    });
  });

  afterAll(() => {
    if (exitCode === undefined) child.kill('SIGKILL');
  });

  it('finishes the in-flight request, stops and exits with code 0 on SIGTERM', async () => {
    const started = await waitFor(() => lines.find((l) => l.msg === 'service started'), {
      description: 'the child service to start',
      timeoutMs: 60_000,
    });
    const base = `http://127.0.0.1:${started.port}`;
    expect((await request(base).get('/healthz')).status).toBe(200);

    const slow = request(base)
      .get('/slow')
      .then((r) => r);
    await waitFor(() => lines.some((l) => l.msg === 'slow request started'), {
      description: 'the slow request to begin',
    });
    child.kill('SIGTERM');

    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ finished: true });
    await waitFor(() => exitCode !== undefined || undefined, {
      description: 'the child to exit',
      timeoutMs: 30_000,
    });
    expect(exitCode).toBe(0);
    const messages = lines.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['signal received, stopping', 'shutting down', 'stopped']),
    );
  });
});
