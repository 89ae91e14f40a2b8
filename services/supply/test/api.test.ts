import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startSupply, type Running } from './support';

let env: Running;
let bj: string;
let tj: string;
let operator: string;

beforeAll(async () => {
  env = await startSupply();
  [bj, tj, operator] = await Promise.all([
    env.token('CN-BJ', 'agency-writer'),
    env.token('CN-TJ', 'agency-writer'),
    env.token('CN-BJ', 'operator'),
  ]);
});
afterAll(() => env?.stop());

const api = () => request(env.service.app);

function technology(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Solid-state lidar',
    summary: 'MEMS lidar for low-altitude drones',
    field: 'low-altitude-economy',
    keywords: ['lidar', 'mems'],
    owner: { institutionId: 'inst-bio', name: 'Beijing Institute of Optics', kind: 'research-institute', region: 'CN-BJ' },
    region: 'CN-BJ',
    trl: 3,
    patents: [{ number: 'CN202310000001.1', title: 'MEMS mirror' }],
    transferModes: ['license', 'equity-in-kind'],
    askingPriceFen: 500_000_000,
    ...overrides,
  };
}

describe('validation', () => {
  it('answers problem+json naming every bad field', async () => {
    const res = await api()
      .post('/technologies')
      .set('Authorization', `Bearer ${bj}`)
      .send(technology({ trl: 11, askingPriceFen: 12.5, field: 'alchemy', owner: { name: 'x' } }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['trl', 'askingPriceFen', 'field', 'owner.institutionId', 'owner.kind']));
  });

  it('refuses unknown fields and operator keys', async () => {
    const res = await api().post('/technologies').set('Authorization', `Bearer ${bj}`).send(technology({ $where: '1' }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('$where');
  });

  it('names the bad query parameter', async () => {
    const res = await api().get('/technologies?status=lost').set('Authorization', `Bearer ${bj}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('status');
  });
});

describe('lifecycle over HTTP', () => {
  it('create → publish → PoC raises TRL → publish again is refused', async () => {
    const created = await api().post('/technologies').set('Authorization', `Bearer ${bj}`).send(technology());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', stage: 'research', version: 1 });
    const id = created.body.id as string;

    const published = await api().post(`/technologies/${id}/publish`).set('Authorization', `Bearer ${bj}`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const poc = await api()
      .post(`/technologies/${id}/poc-results`)
      .set('Authorization', `Bearer ${bj}`)
      .send({ center: { id: 'zgc-poc', name: 'ZGC PoC Center', region: 'CN-BJ' }, passed: true, reportSummary: 'ok', completedAt: '2026-11-20T08:00:00Z' });
    expect(poc.status).toBe(201);
    expect(poc.body).toMatchObject({ trl: 4, stage: 'development' });

    const again = await api().post(`/technologies/${id}/publish`).set('Authorization', `Bearer ${bj}`);
    expect(again.status).toBe(422);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.detail).toMatch(/cannot publish a technology that is published/);
  });

  it('unknown ids are 404 problems', async () => {
    const res = await api().get('/technologies/nope-404').set('Authorization', `Bearer ${bj}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('Idempotency-Key', () => {
  it('a replay returns the first response and creates nothing new', async () => {
    const key = randomUUID();
    const title = `Idempotent ${key}`;
    const first = await api().post('/technologies').set('Authorization', `Bearer ${bj}`).set('Idempotency-Key', key).send(technology({ title }));
    const replay = await api().post('/technologies').set('Authorization', `Bearer ${bj}`).set('Idempotency-Key', key).send(technology({ title }));
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    const count = await env.service.ctx.db.collection('technologies').countDocuments({ title });
    expect(count).toBe(1);
  });
});

describe('region authority', () => {
  it('an agency cannot create for another region', async () => {
    const res = await api().post('/technologies').set('Authorization', `Bearer ${bj}`).send(technology({ region: 'CN-TJ' }));
    expect(res.status).toBe(403);
    expect(await env.service.ctx.db.collection('technologies').countDocuments({ region: 'CN-TJ', title: 'never' })).toBe(0);
  });

  it('an agency cannot change another region\'s technology; an operator can', async () => {
    const created = await api()
      .post('/technologies')
      .set('Authorization', `Bearer ${tj}`)
      .send(technology({ region: 'CN-TJ', owner: { institutionId: 'tju', name: 'Tianjin University', kind: 'university', region: 'CN-TJ' } }));
    const id = created.body.id as string;
    await api().post(`/technologies/${id}/publish`).set('Authorization', `Bearer ${tj}`).expect(200);
    const refused = await api().post(`/technologies/${id}/withdraw`).set('Authorization', `Bearer ${bj}`).send({ reason: 'mine now' });
    expect(refused.status).toBe(403);
    const stillPublished = await api().get(`/technologies/${id}`).set('Authorization', `Bearer ${bj}`);
    expect(stillPublished.body.status).toBe('published');
    const byOperator = await api().post(`/technologies/${id}/withdraw`).set('Authorization', `Bearer ${operator}`).send({ reason: 'duplicate entry' });
    expect(byOperator.status).toBe(200);
  });

  it('drafts of another region are invisible', async () => {
    const created = await api()
      .post('/technologies')
      .set('Authorization', `Bearer ${tj}`)
      .send(technology({ region: 'CN-TJ', owner: { institutionId: 'tju', name: 'Tianjin University', kind: 'university', region: 'CN-TJ' } }));
    expect((await api().get(`/technologies/${created.body.id}`).set('Authorization', `Bearer ${bj}`)).status).toBe(404);
    expect((await api().get(`/technologies/${created.body.id}`).set('Authorization', `Bearer ${tj}`)).status).toBe(200);
  });
});

describe('cursor pagination', () => {
  it('pages are stable: every item once, in order, even when items are added meanwhile', async () => {
    const keyword = `page-${randomUUID().slice(0, 8)}`;
    const make = () => api().post('/technologies').set('Authorization', `Bearer ${bj}`).send(technology({ keywords: [keyword] }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await make()).body.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await api()
        .get(`/technologies?keyword=${keyword}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', `Bearer ${bj}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
      if (pages === 0) ids.push((await make()).body.id); // a write between pages
      pages++;
    } while (cursor && pages < 10);
    expect(cursor).toBeNull();

    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    // Everything that existed before the first page is seen exactly once.
    expect(seen).toEqual(expect.arrayContaining(ids.slice(0, 5)));
  });

  it('a forged cursor is a 400 naming cursor', async () => {
    const res = await api().get('/technologies?cursor=not-a-cursor').set('Authorization', `Bearer ${bj}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });
});

describe('KPIs, metrics and OpenAPI', () => {
  it('counts technologies by region and status, and exports the gauge', async () => {
    const kpis = await api().get('/kpis').set('Authorization', `Bearer ${bj}`);
    expect(kpis.status).toBe(200);
    const bjPublished = kpis.body.technologies.find((r: { region: string; status: string }) => r.region === 'CN-BJ' && r.status === 'published');
    const expected = await env.service.ctx.db.collection('technologies').countDocuments({ region: 'CN-BJ', status: 'published' });
    expect(bjPublished.count).toBe(expected);
    const metrics = await api().get('/metrics');
    expect(metrics.text).toContain(`corridor_technologies{region="CN-BJ",status="published",service="supply"} ${expected}`);
  });

  it('serves OpenAPI with the routes', async () => {
    const res = await api().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/technologies', '/technologies/{id}', '/technologies/{id}/publish', '/technologies/{id}/poc-results', '/kpis']),
    );
  });
});
