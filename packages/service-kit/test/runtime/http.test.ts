import request from 'supertest';
import { z } from 'zod';
import { ConcurrencyError, PermanentError } from '../../src/messaging/errors';
import { assertRegionWrite, signToken } from '../../src/runtime/auth';
import { createHttpApp } from '../../src/runtime/http';
import { createLogger } from '../../src/runtime/logger';
import { defineRoute, RouteRegistry } from '../../src/runtime/routes';

const secret = 'http-test-secret-0123456789';
const logger = createLogger('http-test', 'silent');

const technologyBody = z.object({
  title: z.string().min(1),
  region: z.string().regex(/^CN-[A-Z]{2}$/),
  priceFen: z.number().int().nonnegative(),
  tags: z.array(z.string()).optional(),
});

function buildApp() {
  const routes = new RouteRegistry().add(
    defineRoute({
      method: 'post',
      path: '/technologies',
      summary: 'Publish a technology',
      body: technologyBody,
      roles: ['agency-writer', 'operator'],
      idempotent: false,
      handler: ({ body, principal }) => {
        assertRegionWrite(principal, body.region);
        return { status: 201, body: { id: 't-1', ...body } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/technologies/:id',
      summary: 'Read a technology',
      params: z.object({ id: z.string().regex(/^t-\d+$/) }),
      query: z.object({ lang: z.enum(['zh', 'en']).optional() }),
      response: z.object({ id: z.string() }),
      handler: ({ params }) => ({ body: { id: params.id } }),
    }),
    defineRoute({
      method: 'post',
      path: '/refusals/:kind',
      summary: 'Throws what domain code throws',
      public: true,
      idempotent: false,
      params: z.object({ kind: z.enum(['rule', 'conflict', 'permanent', 'concurrency', 'bug']) }),
      handler: ({ params }) => {
        if (params.kind === 'rule')
          throw Object.assign(new Error('price below floor'), {
            permanent: true,
            field: 'priceFen',
            code: 'PRICE_FLOOR',
          });
        if (params.kind === 'conflict')
          throw Object.assign(new Error('already awarded'), { permanent: true, status: 409 });
        if (params.kind === 'permanent') {
          throw new PermanentError('contract value exceeds budget', [
            { path: 'data.valueFen', message: 'exceeds budget' },
          ]);
        }
        if (params.kind === 'concurrency') throw new ConcurrencyError('contracts', 'c-1', 3);
        throw new Error('secret internal detail');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/public/regions',
      summary: 'Regions',
      public: true,
      handler: () => ({ body: ['CN-BJ'] }),
    }),
  );
  return createHttpApp({
    name: 'http-test',
    version: '1.0.0',
    logger,
    routes,
    jwtSecret: secret,
    db: () => {
      throw new Error('no database in this test');
    },
    bodyLimit: '1kb',
  });
}

const token = (region: string, roles: ('agency-writer' | 'agency-reader' | 'operator' | 'admin')[]) =>
  signToken({ secret, sub: `user-${region}`, region, roles, agency: 'a-1' });

const body = { title: 'Solid-state battery', region: 'CN-BJ', priceFen: 100_000_00 };

describe('HTTP app', () => {
  const app = buildApp();

  it('answers 401 problem+json without a token and with a bad one', async () => {
    const none = await request(app).post('/technologies').send(body);
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/technologies' });
    expect(none.body.type).toMatch(/^https:\/\//);

    const forged = await signToken({
      secret: 'another-secret-0123456789',
      sub: 'x',
      region: 'CN-BJ',
      roles: ['admin'],
    });
    const bad = await request(app).post('/technologies').set('Authorization', `Bearer ${forged}`).send(body);
    expect(bad.status).toBe(401);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 403 when an agency writes for another region, 201 for its own, and lets operators write anywhere', async () => {
    const sh = await token('CN-SH', ['agency-writer']);
    const wrong = await request(app).post('/technologies').set('Authorization', `Bearer ${sh}`).send(body);
    expect(wrong.status).toBe(403);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body.detail).toContain('CN-SH');

    const bj = await token('CN-BJ', ['agency-writer']);
    const ok = await request(app).post('/technologies').set('Authorization', `Bearer ${bj}`).send(body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: 't-1', region: 'CN-BJ' });

    const op = await token('CN-SH', ['operator']);
    expect(
      (await request(app).post('/technologies').set('Authorization', `Bearer ${op}`).send(body)).status,
    ).toBe(201);
  });

  it('answers 403 when the role is missing', async () => {
    const reader = await token('CN-BJ', ['agency-reader']);
    const res = await request(app).post('/technologies').set('Authorization', `Bearer ${reader}`).send(body);
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('agency-writer');
  });

  it('answers 400 naming each invalid field', async () => {
    const bj = await token('CN-BJ', ['agency-writer']);
    const res = await request(app)
      .post('/technologies')
      .set('Authorization', `Bearer ${bj}`)
      .send({ title: '', region: 'CN-BJ', priceFen: 1.5, tags: ['ok', 7] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['priceFen', 'tags.1', 'title']);
  });

  it('validates params and query the same way', async () => {
    const reader = await token('CN-BJ', ['agency-reader']);
    const res = await request(app).get('/technologies/nope?lang=fr').set('Authorization', `Bearer ${reader}`);
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['id', 'lang']);
    const ok = await request(app).get('/technologies/t-7?lang=en').set('Authorization', `Bearer ${reader}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: 't-7' });
  });

  it('refuses $-operator and dotted keys in bodies and queries', async () => {
    const bj = await token('CN-BJ', ['agency-writer']);
    const nested = await request(app)
      .post('/technologies')
      .set('Authorization', `Bearer ${bj}`)
      .send({ ...body, tags: [{ $where: 'sleep(1000)' }] });
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toEqual([{ field: 'tags.0.$where', message: expect.stringContaining('$') }]);

    const dotted = await request(app)
      .post('/technologies')
      .set('Authorization', `Bearer ${bj}`)
      .send({ ...body, 'a.b': 1 });
    expect(dotted.status).toBe(400);
    expect(dotted.body.errors[0].field).toBe('a.b');

    const query = await request(app)
      .get('/technologies/t-1?region[$ne]=CN-BJ')
      .set('Authorization', `Bearer ${bj}`);
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('region[$ne]');
  });

  it('answers 413 problem+json for oversized bodies and 400 for malformed JSON', async () => {
    const bj = await token('CN-BJ', ['agency-writer']);
    const big = await request(app)
      .post('/technologies')
      .set('Authorization', `Bearer ${bj}`)
      .send({ ...body, title: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);

    const broken = await request(app)
      .post('/technologies')
      .set('Authorization', `Bearer ${bj}`)
      .set('Content-Type', 'application/json')
      .send('{"title":');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].field).toBe('body');
  });

  it('maps domain refusals without the domain importing the kit, and hides unexpected errors', async () => {
    const rule = await request(app).post('/refusals/rule');
    expect(rule.status).toBe(422);
    expect(rule.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(rule.body).toMatchObject({
      code: 'PRICE_FLOOR',
      errors: [{ field: 'priceFen', message: 'price below floor' }],
    });
    expect((await request(app).post('/refusals/conflict')).status).toBe(409);
    const permanent = await request(app).post('/refusals/permanent');
    expect(permanent.status).toBe(422);
    expect(permanent.body.errors).toEqual([{ field: 'valueFen', message: 'exceeds budget' }]);
    expect((await request(app).post('/refusals/concurrency')).status).toBe(409);
    const bug = await request(app).post('/refusals/bug');
    expect(bug.status).toBe(500);
    expect(JSON.stringify(bug.body)).not.toContain('secret internal detail');
  });

  it('answers 404 and 405 as problems', async () => {
    const notFound = await request(app).get('/nowhere');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    const notAllowed = await request(app).delete('/technologies');
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.allow).toBe('POST');
    expect(notAllowed.body.status).toBe(405);
  });

  it('serves public routes without a token, health, and a correlation id on every response', async () => {
    const res = await request(app).get('/public/regions').set('X-Correlation-Id', 'corr-123');
    expect(res.status).toBe(200);
    expect(res.headers['x-correlation-id']).toBe('corr-123');
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('publishes OpenAPI 3.1 generated from the route schemas', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const post = res.body.paths['/technologies'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual([
      'title',
      'region',
      'priceFen',
    ]);
    expect(post.requestBody.content['application/json'].schema.properties.priceFen.type).toBe('integer');
    const get = res.body.paths['/technologies/{id}'].get;
    expect(get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'query:lang',
    ]);
    expect(res.body.paths['/public/regions'].get.security).toEqual([]);
  });
});
