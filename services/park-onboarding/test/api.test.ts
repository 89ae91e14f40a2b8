import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { creditCode, startPark, type Running } from './support';

let env: Running;
let tj: string;
let bj: string;
let operator: string;

beforeAll(async () => {
  env = await startPark();
  [tj, bj, operator] = await Promise.all([
    env.token('CN-TJ', 'agency-writer'),
    env.token('CN-BJ', 'agency-writer'),
    env.token('CN-BJ', 'operator'),
  ]);
});
afterAll(() => env?.stop());

const api = () => request(env.service.app);
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

async function newPark(capacity: number, region = 'CN-TJ', token = tj): Promise<string> {
  const res = await api()
    .post('/parks')
    .set(as(token))
    .send({
      name: `Binhai Science Park ${randomUUID().slice(0, 6)}`,
      kind: 'science-park',
      region,
      city: '滨海新区',
      focusFields: ['low-altitude-economy', 'artificial-intelligence'],
      capacity,
      operator: { name: 'Binhai Park Operations' },
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const enterprise = (n: number, originRegion = 'CN-BJ') => ({
  name: `Beijing Drone Co ${n}`,
  creditCode: creditCode(`91110108MA01AB${String(n).padStart(3, '0')}`),
  originRegion,
});

async function submitted(parkId: string, n: number, token = tj): Promise<string> {
  const res = await api().post('/applications').set(as(token)).send({ parkId, kind: 'relocation', enterprise: enterprise(n), headcount: 20 });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const step = (id: string, action: string, body: object = {}, token = tj) => api().post(`/applications/${id}/${action}`).set(as(token)).send(body);

describe('validation', () => {
  it('a park with a bad region, capacity and field gets one problem naming each field', async () => {
    const res = await api()
      .post('/parks')
      .set(as(tj))
      .send({ name: 'X', kind: 'castle', region: 'CN-XX', focusFields: ['alchemy'], capacity: 0, operator: { name: 'op' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['kind', 'region', 'focusFields.0', 'capacity']));
  });

  it('an application with a bad credit code or a landing without contract names the field', async () => {
    const parkId = await newPark(5);
    const badCode = await api()
      .post('/applications')
      .set(as(tj))
      .send({ parkId, kind: 'relocation', enterprise: { ...enterprise(1), creditCode: '911101080000000000' } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0]).toMatchObject({ field: 'enterprise.creditCode', message: expect.stringContaining('统一社会信用代码') });
    const landing = await api().post('/applications').set(as(tj)).send({ parkId, kind: 'landing', enterprise: enterprise(1) });
    expect(landing.status).toBe(400);
    expect(landing.body.errors.map((e: { field: string }) => e.field)).toContain('contractId');
  });
});

describe('lifecycle and capacity', () => {
  it('approval stops exactly at capacity and a withdrawal frees the place', async () => {
    const parkId = await newPark(2);
    const [a, b, c] = [await submitted(parkId, 1), await submitted(parkId, 2), await submitted(parkId, 3)];
    for (const id of [a, b, c]) expect((await step(id, 'review')).status).toBe(200);
    expect((await step(a, 'approve')).body.status).toBe('approved');
    expect((await step(b, 'approve')).body.status).toBe('approved');

    const full = await step(c, 'approve');
    expect(full.status).toBe(422);
    expect(full.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(full.body.detail).toMatch(/is full \(2 of 2 places taken\)/);
    expect((await api().get(`/applications/${c}`).set(as(tj))).body.status).toBe('under-review');

    expect((await step(a, 'withdraw', { reason: 'chose another park' })).body.status).toBe('withdrawn');
    expect((await step(c, 'approve')).body.status).toBe('approved');
    const park = await api().get(`/parks/${parkId}`).set(as(tj));
    expect(park.body.occupants.sort()).toEqual([b, c].sort());
  });

  it('illegal transitions are refused and change nothing', async () => {
    const parkId = await newPark(1);
    const id = await submitted(parkId, 9);
    const res = await step(id, 'settle');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/cannot settle an application that is submitted/);
    expect((await step(id, 'approve')).status).toBe(422); // review first
    expect((await api().get(`/applications/${id}`).set(as(tj))).body).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('register → settle counts the origin region in the KPIs and the gauge', async () => {
    const parkId = await newPark(3);
    const id = await submitted(parkId, 21);
    await step(id, 'review');
    await step(id, 'approve');
    const registered = await step(id, 'register', { name: 'Drone (Tianjin) Co', creditCode: creditCode('91120116MA05DR0N1') });
    expect(registered.body).toMatchObject({ status: 'registered', localEntity: { region: 'CN-TJ' } });
    expect((await step(id, 'settle')).body.status).toBe('settled');

    const kpis = await api().get(`/kpis?parkId=${parkId}`).set(as(tj));
    expect(kpis.body.settlementsByPark).toEqual([{ parkId, parkRegion: 'CN-TJ', originRegion: 'CN-BJ', count: 1 }]);
    expect(kpis.body.occupancy[0]).toMatchObject({ parkId, capacity: 3, occupied: 1 });
    const all = await api().get('/kpis').set(as(tj));
    const row = all.body.settlements.find((r: { parkRegion: string; originRegion: string }) => r.parkRegion === 'CN-TJ' && r.originRegion === 'CN-BJ');
    const metrics = (await api().get('/metrics')).text;
    expect(metrics).toContain(`corridor_settlements{park_region="CN-TJ",origin_region="CN-BJ",service="park-onboarding"} ${row.count}`);
    expect(metrics).toMatch(new RegExp(`corridor_park_occupancy_ratio\\{park_id="${parkId}",region="CN-TJ",service="park-onboarding"\\} 0.333`));
  });
});

describe('Idempotency-Key', () => {
  it('a replayed submit returns the first response and creates nothing new', async () => {
    const parkId = await newPark(5);
    const key = randomUUID();
    const body = { parkId, kind: 'branch', enterprise: enterprise(42) };
    const first = await api().post('/applications').set(as(tj)).set('Idempotency-Key', key).send(body);
    const replay = await api().post('/applications').set(as(tj)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(await env.service.ctx.db.collection('applications').countDocuments({ parkId })).toBe(1);
  });
});

describe('region authority', () => {
  it('an agency cannot register a park, submit or decide for another region; an operator can', async () => {
    expect((await api().post('/parks').set(as(bj)).send({ name: 'x', kind: 'incubator', region: 'CN-TJ', focusFields: ['new-materials'], capacity: 1, operator: { name: 'o' } })).status).toBe(403);
    const parkId = await newPark(2);
    expect((await api().post('/applications').set(as(bj)).send({ parkId, kind: 'relocation', enterprise: enterprise(5) })).status).toBe(403);
    const id = await submitted(parkId, 6);
    expect((await step(id, 'review', {}, bj)).status).toBe(403);
    expect((await api().get(`/applications/${id}`).set(as(tj))).body.status).toBe('submitted');
    expect((await step(id, 'review', {}, operator)).status).toBe(200);
  });
});

describe('cursor pagination', () => {
  it('walks every application of a park once, in order, while new ones arrive', async () => {
    const parkId = await newPark(50);
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push(await submitted(parkId, 100 + i));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await api()
        .get(`/applications?parkId=${parkId}&status=submitted&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(tj));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
      if (pages === 0) await submitted(parkId, 200);
      pages++;
    } while (cursor && pages < 10);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(before));
  });

  it('filters parks by region and focus field', async () => {
    const parkId = await newPark(1, 'CN-BJ', operator);
    const res = await api().get('/parks?region=CN-BJ&field=low-altitude-economy&limit=100').set(as(tj));
    expect(res.body.items.map((p: { id: string }) => p.id)).toContain(parkId);
    expect(res.body.items.every((p: { region: string }) => p.region === 'CN-BJ')).toBe(true);
  });
});

it('serves OpenAPI for every route', async () => {
  const res = await api().get('/openapi.json');
  expect(Object.keys(res.body.paths)).toEqual(
    expect.arrayContaining(['/parks', '/parks/{id}', '/applications', '/applications/{id}/approve', '/applications/{id}/settle', '/kpis']),
  );
});
