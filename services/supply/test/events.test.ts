import { createEvent, type CorridorEvent, encodeEvent, ingestTopic, dlqTopic, rejectionsTopic } from '@corridor/contracts';
import { collectTopics, headerOf, produceRecords, waitFor } from '@corridor/testkit';
import type { KafkaMessage } from 'kafkajs';
import request from 'supertest';
import { startSupply, type Running } from './support';

let env: Running;
let bj: string;
beforeAll(async () => {
  env = await startSupply();
  bj = await env.token('CN-BJ', 'agency-writer');
});
afterAll(() => env?.stop());

const t = (topic: string) => `${env.prefix}.${topic}`;
const api = () => request(env.service.app);

const techInput = {
  title: 'Quantum random number chip',
  summary: 'Chip-scale QRNG',
  field: 'quantum-technology',
  keywords: ['qrng'],
  owner: { institutionId: 'inst-qc', name: 'Beijing Quantum Institute', kind: 'new-rnd-institution', region: 'CN-BJ' },
  region: 'CN-BJ',
  trl: 6,
  patents: [],
  transferModes: ['transfer'],
  askingPriceFen: 120_000_000,
};

async function publishedTechnology(correlationId: string): Promise<string> {
  const created = await api().post('/technologies').set('Authorization', `Bearer ${bj}`).set('X-Correlation-Id', correlationId).send(techInput);
  await api().post(`/technologies/${created.body.id}/publish`).set('Authorization', `Bearer ${bj}`).set('X-Correlation-Id', correlationId).expect(200);
  return created.body.id as string;
}

function contractSigned(technologyId: string, contractId: string): CorridorEvent {
  return createEvent('corridor.demand.contract.signed.v1', {
    source: '/corridor/demand',
    region: 'CN-BJ',
    correlationId: 'deal-qrng-1',
    data: {
      contractId,
      technologyId,
      type: 'transfer',
      title: 'QRNG transfer',
      seller: { institutionId: 'inst-qc', name: 'Beijing Quantum Institute', kind: 'new-rnd-institution', region: 'CN-BJ' },
      buyer: { name: '天津量子安全有限公司', creditCode: '91120116MA05LCDX4K', region: 'CN-TJ' },
      valueFen: 150_000_000,
      manager: { id: 'mgr-1', name: '王经理', commissionFen: 3_000_000 },
      signedAt: '2026-11-23T09:00:00Z',
    },
  });
}

it('a contract.signed delivered twice transfers the technology exactly once, on the incoming correlation id', async () => {
  const techTopic = await collectTopics(t('corridor.supply.technology.v1'));
  try {
    const id = await publishedTechnology('corr-http-1');
    const signed = contractSigned(id, `ctr-${id}`);
    await produceRecords(t('corridor.demand.contract.v1'), [signed, signed].map(encodeEvent));

    const isTransfer = (m: KafkaMessage) => m.key?.toString() === id && headerOf(m, 'ce_type') === 'corridor.supply.technology.transferred.v1';
    const transferred = await waitFor(() => techTopic.records.find(isTransfer), {
      description: 'technology.transferred on the topic',
      timeoutMs: 30_000,
    });
    // The second copy is counted as a duplicate once the consumer got to it.
    await waitFor(async () => {
      const metrics = await api().get('/metrics');
      return /corridor_events_consumed_total\{[^}]*type="corridor.demand.contract.signed.v1"[^}]*outcome="duplicate"[^}]*\} [1-9]/.test(metrics.text);
    }, { description: 'duplicate delivery counted', timeoutMs: 30_000 });

    const doc = await api().get(`/technologies/${id}`).set('Authorization', `Bearer ${bj}`);
    expect(doc.body).toMatchObject({ status: 'transferred', transfer: { contractId: `ctr-${id}`, buyer: { region: 'CN-TJ' } } });
    expect(techTopic.records.filter(isTransfer)).toHaveLength(1);
    // Both deliveries are past the consumer and the outbox is empty, so nothing else can follow.
    const raw = await waitFor(async () => {
      const doc = await env.service.ctx.db.collection('technologies').findOne({ _id: id } as never);
      return doc?.outbox?.length === 0 ? doc : null;
    }, { description: 'outbox drained' });
    expect(raw?.processedEventIds).toEqual([signed.id]);
    expect(techTopic.records.filter(isTransfer)).toHaveLength(1);
    expect(headerOf(transferred, 'ce_correlationid')).toBe('deal-qrng-1');
    expect(headerOf(transferred, 'ce_causationid')).toBe(signed.id);

    // The transfer shows in the KPIs with its value (count and sum come from separate $group stages).
    const transfers = await env.service.ctx.db.collection('technologies').find({ status: 'transferred', 'transfer.buyer.region': 'CN-TJ', region: 'CN-BJ' }).toArray();
    const kpis = await api().get('/kpis').set('Authorization', `Bearer ${bj}`);
    expect(kpis.body.transfers).toContainEqual({
      sellerRegion: 'CN-BJ',
      buyerRegion: 'CN-TJ',
      count: transfers.length,
      valueFen: transfers.reduce((sum, d) => sum + (d.transfer.valueFen as number), 0),
    });

    const published = techTopic.records.find((m) => m.key?.toString() === id && headerOf(m, 'ce_type') === 'corridor.supply.technology.published.v1');
    expect(published && headerOf(published, 'ce_correlationid')).toBe('corr-http-1');
  } finally {
    await techTopic.stop();
  }
});

describe('agency ingest', () => {
  it('publish-requested is handled like HTTP create + publish', async () => {
    const command = createEvent('corridor.supply.technology.publish-requested.v1', {
      source: '/agencies/bj-kjj',
      region: 'CN-BJ',
      data: { technologyId: `tech-agency-${Date.now()}`, ...techInput } as never,
    });
    const id = (command.data as { technologyId: string }).technologyId;
    await produceRecords(t(ingestTopic('supply')), [command, command].map(encodeEvent));
    const res = await waitFor(async () => {
      const r = await api().get(`/technologies/${id}`).set('Authorization', `Bearer ${bj}`);
      return r.status === 200 ? r : null;
    }, { description: 'technology from ingest', timeoutMs: 30_000 });
    expect(res.body).toMatchObject({ status: 'published', region: 'CN-BJ', trl: 6, stage: 'development' });
    expect(await env.service.ctx.db.collection('technologies').countDocuments({ _id: id } as never)).toBe(1);
  });

  it('a malformed command goes to the DLQ and a rejection tells the agency why', async () => {
    const dlq = await collectTopics(t(dlqTopic('supply')));
    const rejections = await collectTopics(t(rejectionsTopic('supply')));
    try {
      const ceId = `bad-${Date.now()}`;
      await produceRecords(t(ingestTopic('supply')), [
        {
          key: 'tech-bad',
          value: JSON.stringify({ ...techInput, trl: 42 }),
          headers: {
            ce_specversion: '1.0',
            ce_id: ceId,
            ce_source: '/agencies/bj-kjj',
            ce_type: 'corridor.supply.technology.publish-requested.v1',
            ce_subject: 'tech-bad',
            ce_time: new Date().toISOString(),
            ce_region: 'CN-BJ',
            'content-type': 'application/json',
          },
        },
      ]);
      const rejection = await waitFor(() => rejections.records.find((m) => m.key?.toString() === ceId), {
        description: 'rejection for the malformed command',
        timeoutMs: 30_000,
      });
      const data = JSON.parse(rejection.value!.toString());
      expect(data.originalId).toBe(ceId);
      expect(data.reasons.map((r: { path: string }) => r.path)).toEqual(expect.arrayContaining(['data.trl']));
      await waitFor(() => dlq.records.find((m) => headerOf(m, 'ce_id') === ceId), { description: 'dead letter', timeoutMs: 30_000 });
    } finally {
      await Promise.all([dlq.stop(), rejections.stop()]);
    }
  });

  it('an agency cannot publish for a region it does not serve', async () => {
    const rejections = await collectTopics(t(rejectionsTopic('supply')));
    try {
      const command = createEvent('corridor.supply.technology.publish-requested.v1', {
        source: '/agencies/bj-kjj',
        region: 'CN-TJ',
        data: { technologyId: `tech-tj-${Date.now()}`, ...techInput, region: 'CN-TJ' } as never,
      });
      await produceRecords(t(ingestTopic('supply')), [command].map(encodeEvent));
      const rejection = await waitFor(() => rejections.records.find((m) => m.key?.toString() === command.id), { timeoutMs: 30_000 });
      expect(JSON.parse(rejection.value!.toString()).reasonCode).toBe('region-forbidden');
      const id = (command.data as { technologyId: string }).technologyId;
      expect(await env.service.ctx.db.collection('technologies').countDocuments({ _id: id } as never)).toBe(0);
    } finally {
      await rejections.stop();
    }
  });
});
