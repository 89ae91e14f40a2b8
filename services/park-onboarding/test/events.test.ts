import { createEvent, type CorridorEvent, encodeEvent } from '@corridor/contracts';
import { collectTopics, headerOf, produceRecords, waitFor } from '@corridor/testkit';
import request from 'supertest';
import { landingApplicationId } from '../src/commands';
import { creditCode, startPark, type Running } from './support';

let env: Running;
let tj: string;
beforeAll(async () => {
  env = await startPark();
  tj = await env.token('CN-TJ', 'agency-writer');
});
const readers: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(readers.map((r) => r.stop()));
  await env?.stop();
});

const t = (topic: string) => `${env.prefix}.${topic}`;
const api = () => request(env.service.app);
const auth = () => ({ Authorization: `Bearer ${tj}` });

async function newPark(): Promise<string> {
  const res = await api()
    .post('/parks')
    .set(auth())
    .send({ name: 'Tianjin Binhai Pilot Base', kind: 'pilot-base', region: 'CN-TJ', focusFields: ['quantum-technology'], capacity: 4, operator: { name: 'Binhai Ops' } });
  return res.body.id as string;
}

function contractSigned(contractId: string, landingParkId?: string): CorridorEvent {
  return createEvent('corridor.demand.contract.signed.v1', {
    source: '/corridor/demand',
    region: 'CN-BJ',
    correlationId: `deal-${contractId}`,
    data: {
      contractId,
      technologyId: 'tech-qrng-1',
      type: 'transfer',
      title: 'QRNG transfer',
      seller: { institutionId: 'inst-qc', name: 'Beijing Quantum Institute', kind: 'research-institute', region: 'CN-BJ' },
      buyer: { name: '天津量子安全有限公司', creditCode: creditCode('91120116MA05QRNG1'), region: 'CN-TJ', city: '滨海新区' },
      valueFen: 150_000_000,
      manager: { id: 'mgr-1', name: '王经理', commissionFen: 3_000_000 },
      ...(landingParkId ? { landingParkId } : {}),
      signedAt: '2026-11-23T09:00:00Z',
    },
  });
}

it('a signed contract (seller CN-BJ, buyer CN-TJ) naming a park opens exactly one application; approve → register → settle counts CN-BJ as origin', async () => {
  const parkId = await newPark();
  const contractId = `ctr-${Date.now()}`;
  const signed = contractSigned(contractId, parkId);
  const topic = await collectTopics(t('corridor.park.application.v1'));
  readers.push(topic);
  // Twice the same delivery, then the same contract under a new ce_id (e.g. re-published by demand).
  await produceRecords(t('corridor.demand.contract.v1'), [signed, signed, { ...contractSigned(contractId, parkId) }].map(encodeEvent));
  const id = landingApplicationId(contractId);

  const opened = await waitFor(async () => {
    const res = await api().get(`/applications/${id}`).set(auth());
    return res.status === 200 ? res.body : null;
  }, { description: 'landing application', timeoutMs: 30_000 });
  expect(opened).toMatchObject({
    kind: 'landing',
    status: 'submitted',
    contractId,
    parkRegion: 'CN-TJ',
    enterprise: { name: '天津量子安全有限公司', originRegion: 'CN-BJ' },
  });
  // All three deliveries are past the consumer: two were duplicates.
  await waitFor(async () => {
    const text = (await api().get('/metrics')).text;
    const m = /corridor_events_consumed_total\{[^}]*type="corridor\.demand\.contract\.signed\.v1"[^}]*outcome="duplicate"[^}]*\} (\d+)/.exec(text);
    return m && Number(m[1]) >= 2;
  }, { description: 'both duplicates counted', timeoutMs: 30_000 });
  expect(await env.service.ctx.db.collection('applications').countDocuments({ contractId })).toBe(1);

  const raw = await env.service.ctx.db.collection('applications').findOne({ _id: id } as never);
  expect(raw?.processedEventIds).toEqual([signed.id]);

  for (const [action, body] of [
    ['review', {}],
    ['approve', {}],
    ['register', { name: '量子安全（天津）有限公司', creditCode: creditCode('91120116MA05QRNG3') }],
    ['settle', {}],
  ] as const) {
    const res = await api().post(`/applications/${id}/${action}`).set(auth()).set('X-Correlation-Id', `deal-${contractId}`).send(body);
    expect(res.status).toBe(200);
  }
  const kpis = await api().get(`/kpis?parkId=${parkId}`).set(auth());
  expect(kpis.body.settlementsByPark).toEqual([{ parkId, parkRegion: 'CN-TJ', originRegion: 'CN-BJ', count: 1 }]);
  expect(kpis.body.settlements).toEqual([{ parkRegion: 'CN-TJ', originRegion: 'CN-BJ', count: 1 }]);

  // One deal, one correlation id: the event-opened application and the HTTP steps after it.
  {
    const events = await waitFor(() => {
      const mine = topic.records.filter((m) => m.key?.toString() === id);
      return mine.length >= 4 ? mine : null;
    }, { description: 'submitted, approved, registered, settled relayed', timeoutMs: 30_000 });
    expect(events.map((m) => headerOf(m, 'ce_type'))).toEqual([
      'corridor.park.application.submitted.v1',
      'corridor.park.application.approved.v1',
      'corridor.park.enterprise.registered.v1',
      'corridor.park.enterprise.settled.v1',
    ]);
    expect(events.map((m) => headerOf(m, 'ce_correlationid'))).toEqual(Array(4).fill(`deal-${contractId}`));
    expect(headerOf(events[0]!, 'ce_causationid')).toBe(signed.id);
    expect(JSON.parse(events[3]!.value!.toString())).toMatchObject({ enterprise: { originRegion: 'CN-BJ' }, parkRegion: 'CN-TJ' });
  }
});

it('a contract without a landing park opens nothing', async () => {
  const contractId = `ctr-none-${Date.now()}`;
  const signed = contractSigned(contractId);
  await produceRecords(t('corridor.demand.contract.v1'), [signed].map(encodeEvent));
  await waitFor(async () => {
    const text = (await api().get('/metrics')).text;
    const m = /corridor_events_consumed_total\{[^}]*type="corridor\.demand\.contract\.signed\.v1"[^}]*outcome="processed"[^}]*\} (\d+)/.exec(text);
    return m && Number(m[1]) >= 2;
  }, { description: 'contract without park consumed', timeoutMs: 30_000 });
  expect(await env.service.ctx.db.collection('applications').countDocuments({ contractId })).toBe(0);
});

describe('agency ingest', () => {
  it('submit-requested is handled like POST /applications', async () => {
    const parkId = await newPark();
    const command = createEvent('corridor.park.application.submit-requested.v1', {
      source: '/agencies/tj-kjj',
      region: 'CN-TJ',
      data: {
        applicationId: `app-agency-${Date.now()}`,
        parkId,
        kind: 'spin-off',
        enterprise: { name: '天津衍生科技', creditCode: creditCode('91120116MA05AP0F1'), originRegion: 'CN-TJ' },
      },
    });
    await produceRecords(t('corridor.park.ingest.v1'), [command, command].map(encodeEvent));
    const id = (command.data as { applicationId: string }).applicationId;
    const res = await waitFor(async () => {
      const r = await api().get(`/applications/${id}`).set(auth());
      return r.status === 200 ? r : null;
    }, { description: 'application from ingest', timeoutMs: 30_000 });
    expect(res.body).toMatchObject({ status: 'submitted', kind: 'spin-off', parkId });
  });

  it('a command for a park outside the agency region is dead-lettered, not applied', async () => {
    const bjPark = await api()
      .post('/parks')
      .set({ Authorization: `Bearer ${await env.token('CN-BJ', 'operator')}` })
      .send({ name: 'Zhongguancun Incubator', kind: 'incubator', region: 'CN-BJ', focusFields: ['quantum-technology'], capacity: 2, operator: { name: 'ZGC' } });
    const command = createEvent('corridor.park.application.submit-requested.v1', {
      source: '/agencies/tj-kjj',
      region: 'CN-TJ',
      data: { applicationId: `app-foreign-${Date.now()}`, parkId: bjPark.body.id, kind: 'relocation', enterprise: { name: 'X', creditCode: creditCode('91120116MA05F0RE1'), originRegion: 'CN-TJ' } },
    });
    await produceRecords(t('corridor.park.ingest.v1'), [command].map(encodeEvent));
    await waitFor(async () => {
      const text = (await api().get('/metrics')).text;
      return /corridor_dlq_events_total\{[^}]*consumer="[^"]*park-ingest"[^}]*reason="rejected"[^}]*\} [1-9]/.test(text);
    }, { description: 'dead-lettered as rejected', timeoutMs: 30_000 });
    expect(await env.service.ctx.db.collection('applications').countDocuments({ _id: (command.data as { applicationId: string }).applicationId } as never)).toBe(0);
  });
});
