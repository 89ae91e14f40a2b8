import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeEvent, type CorridorEvent } from '@corridor/contracts';
import { namesMissingFromExpositions } from '@corridor/infra-checks';
import { DEV_JWT_SECRET, signToken } from '@corridor/service-kit';
import { uniqueName, waitFor } from '@corridor/testkit';
import { Kafka, logLevel } from 'kafkajs';
import {
  FUND_TJ_SEED,
  PROMETHEUS_BINARY,
  queryPrometheus,
  runDemoChain,
  seedReferenceData,
  startPrometheus,
  startServices,
  type DemoChainResult,
  type RunningPrometheus,
  type RunningServices,
} from '../src';
import { startOtlpReceiver } from './support/otlp-receiver';

// The whole platform against the suite's real broker and database: four service processes,
// each with its own database and a topic prefix no other test uses, driven through the demo chain.

const jwtSecret = DEV_JWT_SECRET;
const CLI = path.join(__dirname, '..', 'dist', 'cli.js');

const CHAIN_TOPICS = [
  'corridor.supply.technology.v1',
  'corridor.demand.demand.v1',
  'corridor.demand.match.v1',
  'corridor.demand.contract.v1',
  'corridor.park.application.v1',
  'corridor.fund.investment.v1',
];

const CHAIN_TYPES = [
  'corridor.supply.technology.published.v1',
  'corridor.demand.demand.published.v1',
  'corridor.demand.match.proposed.v1',
  'corridor.demand.match.accepted.v1',
  'corridor.demand.contract.signed.v1',
  'corridor.park.application.submitted.v1',
  'corridor.park.application.approved.v1',
  'corridor.park.enterprise.registered.v1',
  'corridor.park.enterprise.settled.v1',
  'corridor.fund.investment.committed.v1',
];

function env(name: 'KAFKA_BROKERS' | 'MONGO_URL'): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run through jest so the testkit's global setup provides it`);
  return value;
}

describe('the demo chain across the four services', () => {
  const name = uniqueName('e2e-chain');
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'corridor-e2e-'));
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let services: RunningServices | undefined;
  let prometheus: RunningPrometheus | undefined;
  let chain: DemoChainResult;

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    services = await startServices({
      kafkaBrokers: env('KAFKA_BROKERS'),
      mongoUrl: env('MONGO_URL'),
      ports: 'auto',
      databasePrefix: `${name}_`,
      topicPrefix: name,
      logDir: path.join(workDir, 'logs'),
      jwtSecret,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '200', LOG_LEVEL: 'info' },
    });
    const operator = await signToken({ secret: jwtSecret, sub: 'e2e', region: 'CN-BJ', roles: ['operator'] });
    await seedReferenceData(services.urls, operator);
    chain = await runDemoChain({ urls: services.urls, jwtSecret, stepTimeoutMs: 45_000 });
  }, 150_000);

  afterAll(async () => {
    await prometheus?.stop();
    await services?.stop();
    await otlp?.close();
    rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  test('every event of the chain carries the chain’s correlation id', async () => {
    const kafka = new Kafka({
      clientId: name,
      brokers: env('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `${name}-reader` });
    const events: CorridorEvent[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: CHAIN_TOPICS.map((t) => `${name}.${t}`), fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          events.push(
            decodeEvent({ key: message.key, value: message.value, headers: message.headers as never }),
          );
        },
      });
      await waitFor(() => CHAIN_TYPES.every((t) => events.some((e) => e.type === t)), {
        timeoutMs: 30_000,
        description: `all chain event types on ${name}.* topics`,
      });
    } finally {
      await consumer.disconnect();
    }
    // The topics belong to this test alone, so every event on them is an effect of the chain.
    const foreign = events
      .filter((e) => e.correlationId !== chain.correlationId)
      .map((e) => `${e.type} ${e.correlationId}`);
    expect(foreign).toEqual([]);
    const subjects = new Map(events.map((e) => [e.type, e.subject]));
    expect(subjects.get('corridor.supply.technology.published.v1')).toBe(chain.technologyId);
    expect(subjects.get('corridor.demand.contract.signed.v1')).toBe(chain.contractId);
    expect(subjects.get('corridor.park.enterprise.settled.v1')).toBe(chain.applicationId);
    expect(subjects.get('corridor.fund.investment.committed.v1')).toBe(chain.investmentId);
    const signed = events.find(
      (e) => e.type === 'corridor.demand.contract.signed.v1',
    ) as CorridorEvent<'corridor.demand.contract.signed.v1'>;
    expect([signed.data.seller.region, signed.data.buyer.region]).toEqual(['CN-BJ', 'CN-TJ']);
  });

  test('the CN-BJ → CN-TJ contract value shows in demand’s KPIs and /metrics', async () => {
    expect(chain.kpis.contractValue).toMatchObject({
      sellerRegion: 'CN-BJ',
      buyerRegion: 'CN-TJ',
      contracts: 1,
      valueFen: chain.contractValueFen,
    });
    const text = await (await fetch(`${services!.urls.demand}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('corridor_contract_value_fen{') &&
          l.includes('seller_region="CN-BJ"') &&
          l.includes('buyer_region="CN-TJ"') &&
          l.includes('status="signed"'),
      );
    expect(line).toBeDefined();
    expect(Number(line!.split(' ').at(-1))).toBe(chain.contractValueFen);
  });

  test('the Tianjin park’s settlements by origin region count the Beijing firm', () => {
    expect(chain.originRegion).toBe('CN-BJ');
    expect(chain.kpis.settlementsInTianjin).toContainEqual({
      parkRegion: 'CN-TJ',
      originRegion: 'CN-BJ',
      count: 1,
    });
  });

  test('the seed fund’s 返投 progress includes the 先投后股 investment', () => {
    const { reinvestment, reinvestmentBefore, leverage, fundId } = chain.kpis.seedFund;
    expect(fundId).toBe(FUND_TJ_SEED);
    expect(leverage).toBe(2.5);
    expect(chain.countsTowardReinvestment).toBe(true);
    expect(reinvestment.qualifyingFen - reinvestmentBefore.qualifyingFen).toBe(chain.investmentFen);
    expect(reinvestment.qualifyingInvestments).toBe(reinvestmentBefore.qualifyingInvestments + 1);
    expect(reinvestment.progress).toBeGreaterThan(0);
  });

  test('every metric a Grafana panel or alert rule reads is exported by the running services', async () => {
    const scrapeAll = () =>
      Promise.all(services!.services.map(async (s) => (await fetch(`http://127.0.0.1:${s.port}/metrics`)).text()));
    // Consumer lag is measured on an interval (15 s), so poll; an empty list means no dashboard
    // panel or alert silently has nothing to show.
    const missing = await waitFor(
      async () => {
        const names = namesMissingFromExpositions(await scrapeAll());
        return names.length === 0 ? names : false;
      },
      { timeoutMs: 40_000, intervalMs: 1_000, description: 'every dashboard/rule metric on some /metrics' },
    ).catch(async () => namesMissingFromExpositions(await scrapeAll()));
    expect(missing).toEqual([]);
  });

  test('one trace id spans supply, demand, park-onboarding and fund', async () => {
    const all = ['supply', 'demand', 'park-onboarding', 'fund'];
    // Spans arrive in batches per service, so wait until the trace is complete: all four services
    // and its root (the HTTP request that started it; every other span continues it, the Kafka
    // consumers as children of the producer's span).
    const traceId = await waitFor(
      () =>
        [...otlp.servicesByTrace()].find(
          ([id, names]) =>
            all.every((s) => names.has(s)) && otlp.spans.some((s) => s.traceId === id && !s.parentSpanId),
        )?.[0],
      {
        timeoutMs: 30_000,
        description: 'a complete trace with spans from all four services',
      },
    );
    expect(otlp.rejected).toEqual([]);
    const spans = otlp.spans.filter((s) => s.traceId === traceId);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(all));
    expect(spans.filter((s) => !s.parentSpanId)).toHaveLength(1);
  });

  const prometheusTest = existsSync(PROMETHEUS_BINARY) ? test : test.skip;
  if (!existsSync(PROMETHEUS_BINARY))
    console.warn(`[platform e2e] ${PROMETHEUS_BINARY} is missing: the Prometheus test is skipped`);
  prometheusTest(
    'Prometheus (infra/prometheus/prometheus.local.yml) scrapes all four and sees the contract value',
    async () => {
      const targets = Object.fromEntries(
        services!.services.map((s) => [s.name, `127.0.0.1:${s.port}`]),
      ) as Record<string, string>;
      prometheus = await startPrometheus({
        targets: targets as never,
        port: 0,
        dataDir: path.join(workDir, 'prometheus'),
        logFile: path.join(workDir, 'logs', 'prometheus.log'),
        scrapeInterval: '1s',
      });
      const url = prometheus!.url;
      const value = await waitFor(
        async () => {
          const r = await queryPrometheus(
            url,
            'sum(corridor_contract_value_fen{seller_region="CN-BJ",buyer_region="CN-TJ",status="signed"})',
          );
          return r.length === 1 ? Number(r[0]!.value[1]) : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 500, description: 'the contract value in Prometheus' },
      );
      expect(value).toBe(chain.contractValueFen);
      const up = await waitFor(
        async () => {
          const r = await queryPrometheus(url, 'up{job="corridor-services"} == 1');
          return r.length === 4 ? r : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 500, description: 'up == 1 for the four services' },
      );
      expect(up.map((s) => s.metric.service).sort()).toEqual(['demand', 'fund', 'park-onboarding', 'supply']);
    },
    90_000,
  );
});

describe('corridor-platform up --once', () => {
  test('runs the chain on the suite’s broker and database, prints the KPIs and exits 0', async () => {
    const name = uniqueName('e2e-cli');
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'corridor-cli-'));
    try {
      const child = spawn(
        process.execPath,
        [
          CLI,
          'up',
          '--once',
          '--ports',
          'auto',
          '--db-prefix',
          `${name}_`,
          '--topic-prefix',
          name,
          '--state-dir',
          stateDir,
        ],
        {
          env: { ...process.env, KAFKA_BROKERS: env('KAFKA_BROKERS'), MONGO_URL: env('MONGO_URL') },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      if (code !== 0) console.error(out);
      expect(code).toBe(0);
      expect(out).toMatch(/contract value CN-BJ → CN-TJ\s+¥6,500,000 in 1 contract/);
      expect(out).toMatch(/settled in CN-TJ from CN-BJ\s+1 firm/);
      expect(out).toMatch(/fund-tj-seed-01 返投 progress/);
      expect(out).toContain('done (--once)');
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
