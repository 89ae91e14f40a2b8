import {
  startDedicatedMongo,
  startKafka,
  testDatabaseUrl,
  waitFor,
  type MongoHandle,
} from '@corridor/testkit';
import request from 'supertest';
import { createService, type Service } from '../../src/runtime/service';
import { testConfig } from './support';

describe('/readyz reflects the real dependencies', () => {
  let mongo: MongoHandle;
  let service: Service;

  beforeAll(async () => {
    const [dedicated, kafka] = await Promise.all([startDedicatedMongo(), startKafka()]);
    mongo = dedicated;
    service = createService({
      name: 'kit-readiness-test',
      config: testConfig('kit-readiness-test', testDatabaseUrl('kit-ready', mongo.url), kafka.brokers),
      mongo: { serverSelectionTimeoutMS: 1000 },
    });
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
    await mongo?.destroy();
  });

  it('is 200 with MongoDB and Kafka up, 503 naming MongoDB once it is down, and 200 again after it returns', async () => {
    const up = await request(service.app).get('/readyz');
    expect(up.status).toBe(200);

    await mongo.stop();
    const down = await waitFor(
      async () => {
        const res = await request(service.app).get('/readyz');
        return res.status === 503 ? res : false;
      },
      { description: '/readyz to report 503', timeoutMs: 30_000 },
    );
    expect(down.body.checks.mongodb.status).toBe('down');
    expect(down.body.checks.kafka.status).toBe('up');
    // Liveness is about the process, not its dependencies: restarting it would not help.
    expect((await request(service.app).get('/healthz')).status).toBe(200);

    await mongo.restart();
    await waitFor(async () => (await request(service.app).get('/readyz')).status === 200 || false, {
      description: '/readyz to recover',
      timeoutMs: 60_000,
    });
  });
});
