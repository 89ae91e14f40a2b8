import net from 'node:net';
import { assertReachable, firstEndpoint } from '../src/reachable';
import { mongoUrlForDb, testDatabaseUrl, testServiceEnv, uniqueName, waitFor } from '../src';

describe('uniqueName', () => {
  it('gives distinct names valid as Kafka topics and MongoDB database names', () => {
    const names = Array.from({ length: 200 }, () => uniqueName('orders.v1/park onboarding'));
    expect(new Set(names).size).toBe(200);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name.startsWith('orders-v1-park-onboarding-')).toBe(true);
    }
  });
});

describe('mongoUrlForDb', () => {
  it('puts the database into the path and keeps the options', () => {
    const server = 'mongodb://127.0.0.1:27018/?directConnection=true&retryWrites=false';
    expect(mongoUrlForDb('fund', server)).toBe(
      'mongodb://127.0.0.1:27018/fund?directConnection=true&retryWrites=false',
    );
    expect(mongoUrlForDb('fund', 'mongodb://u:p@h1:1,h2:2/admin?replicaSet=rs0')).toBe(
      'mongodb://u:p@h1:1,h2:2/fund?replicaSet=rs0',
    );
    expect(mongoUrlForDb('x', 'mongodb://localhost:27017')).toBe('mongodb://localhost:27017/x');
  });

  it('gives each caller its own database', () => {
    const server = 'mongodb://127.0.0.1:1/?directConnection=true';
    expect(testDatabaseUrl('a', server)).not.toBe(testDatabaseUrl('a', server));
  });
});

describe('waitFor', () => {
  it('returns the first value the condition yields', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing condition as not yet and reports the last error at the deadline', async () => {
    let calls = 0;
    await expect(
      waitFor(
        () => {
          calls += 1;
          throw new Error(`broker not ready (attempt ${calls})`);
        },
        { timeoutMs: 50, intervalMs: 5, description: 'the broker to answer' },
      ),
    ).rejects.toThrow(/the broker to answer did not hold within 50 ms .*last error: broker not ready/);
    expect(calls).toBeGreaterThan(1);
  });

  it('keeps polling while the condition is false or null', async () => {
    const results = [false, null, 0];
    const value = await waitFor(() => results.shift(), { intervalMs: 1, description: 'zero' });
    expect(value).toBe(0);
  });
});

describe('firstEndpoint / assertReachable', () => {
  it('finds the first host and port of broker lists and mongodb URLs', () => {
    expect(firstEndpoint('127.0.0.1:9092,127.0.0.1:9093')).toEqual({ host: '127.0.0.1', port: 9092 });
    expect(firstEndpoint('mongodb://u:p@h1:27018,h2:1/db?x=1')).toEqual({ host: 'h1', port: 27018 });
    expect(firstEndpoint('mongodb://localhost/db')).toEqual({ host: 'localhost', port: 27017 });
  });

  it('accepts a live server and names the variable of a dead one', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await expect(assertReachable('KAFKA_BROKERS', `127.0.0.1:${port}`)).resolves.toBeUndefined();
    await new Promise((resolve) => server.close(resolve));
    await expect(
      assertReachable('MONGO_URL', `mongodb://127.0.0.1:${port}/?directConnection=true`),
    ).rejects.toThrow(/MONGO_URL=.* does not answer/);
  });
});

describe('testServiceEnv', () => {
  it('gives a service any port, its own database, the shared brokers and quiet logs, with overrides', () => {
    const a = testServiceEnv('supply', { AGENCY_REGIONS: '{"bj":["CN-BJ"]}' });
    const b = testServiceEnv('supply');
    expect(a).toMatchObject({ SERVICE_NAME: 'supply', PORT: '0', AGENCY_REGIONS: '{"bj":["CN-BJ"]}' });
    expect(a.KAFKA_BROKERS).toBe(process.env.KAFKA_BROKERS);
    expect(a.MONGO_URL).not.toBe(b.MONGO_URL);
    expect(new URL(a.MONGO_URL!).pathname).toMatch(/^\/supply-/);
  });
});
