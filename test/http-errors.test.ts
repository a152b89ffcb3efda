import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { seededApp } from './helpers.js';

let app: FastifyInstance;
let db: Db;
beforeEach(async () => ({ app, db } = await seededApp()));
afterEach(() => app.close());

describe('errors and request ids', () => {
  it('answers an unknown route with a problem+json 404', async () => {
    const res = await app.inject({ url: '/v1/nothing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: 'urn:claimtrail:problem:route_not_found', title: 'No such route', status: 404,
      code: 'route_not_found', instance: '/v1/nothing', detail: 'There is no route GET /v1/nothing.',
    });
  });

  it('echoes a caller-supplied x-request-id in the header and the problem body', async () => {
    const res = await app.inject({ url: '/v1/claims/nope', headers: { 'x-request-id': 'desk-42' } });
    expect(res.headers['x-request-id']).toBe('desk-42');
    expect(res.json().request_id).toBe('desk-42');
  });

  it('makes up a request id when none is sent', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hides the internals of an unexpected failure behind a generic 500', async () => {
    app.get('/boom', async () => {
      throw new Error('SQLITE_CORRUPT at /secret/path/claimtrail.db');
    });
    const res = await app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal_error', status: 500 });
    expect(res.body).not.toContain('secret');
  });

  it('answers /health with 200 and the claim count, and 503 once the database is gone', async () => {
    const healthy = await app.inject({ url: '/health' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok', claims: (db.prepare('SELECT count(*) n FROM claims').get() as { n: number }).n });
    db.close();
    const sick = await app.inject({ url: '/health' });
    expect(sick.statusCode).toBe(503);
    expect(sick.json().code).toBe('service_unavailable');
  });

  it('serves Swagger UI at /docs and the spec at /openapi.json', async () => {
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    const spec = await app.inject({ url: '/openapi.json' });
    expect(spec.json().info.title).toBe('claimtrail');
  });
});
