import { waitFor } from '@corridor/testkit';
import request from 'supertest';
import { spawnFixture, type FixtureProcess } from './support';

interface LogLine {
  msg?: string;
  port?: number;
}

describe('runMain graceful shutdown', () => {
  let fx: FixtureProcess<LogLine>;

  beforeAll(async () => {
    fx = await spawnFixture<LogLine>('kit-main-fixture', 'main-fixture.ts');
  });

  afterAll(() => {
    if (fx.exitCode === undefined) fx.child.kill('SIGKILL');
  });

  it('finishes the in-flight request, stops and exits with code 0 on SIGTERM', async () => {
    const started = await waitFor(() => fx.lines.find((l) => l.msg === 'service started'), {
      description: 'the child service to start',
      timeoutMs: 60_000,
    });
    const base = `http://127.0.0.1:${started.port}`;
    expect((await request(base).get('/healthz')).status).toBe(200);

    const slow = request(base)
      .get('/slow')
      .then((r) => r);
    await waitFor(() => fx.lines.some((l) => l.msg === 'slow request started'), {
      description: 'the slow request to begin',
    });
    fx.child.kill('SIGTERM');

    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ finished: true });
    await waitFor(() => fx.exitCode !== undefined || undefined, {
      description: 'the child to exit',
      timeoutMs: 30_000,
    });
    expect(fx.exitCode).toBe(0);
    const messages = fx.lines.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['signal received, stopping', 'shutting down', 'stopped']),
    );
  });
});
