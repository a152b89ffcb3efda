// The contract every list and item route shares: envelope, keyset paging, limits, cursors, 404s.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { everyPage, seededApp, seededDb } from './helpers.js';

const RESOURCES = [
  { path: '/v1/claims', table: 'claims' },
  { path: '/v1/entities', table: 'entities' },
  { path: '/v1/events', table: 'events' },
  { path: '/v1/topics', table: 'topics' },
  { path: '/v1/articles', table: 'articles' },
];

let app: FastifyInstance;
let db: Db;
beforeAll(async () => ({ app, db } = await seededApp()));
afterAll(() => app.close());

async function pageThrough(path: string, limit: number): Promise<string[]> {
  const pages = await everyPage(app, `${path}?limit=${limit}`);
  for (const page of pages) expect(page.data.length).toBeLessThanOrEqual(limit);
  expect(pages.at(-1)!.next_cursor, 'paging never ended').toBeNull();
  return pages.flatMap((page) => page.data.map((item) => item.id));
}

describe.each(RESOURCES)('$path', ({ path, table }) => {
  it.each([1, 3, 7, 50, 200])('yields every row exactly once with limit=%i', async (limit) => {
    const ids = await pageThrough(path, limit);
    const all = (db.prepare(`SELECT id FROM ${table}`).all() as { id: string }[]).map((r) => r.id);
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...all].sort());
  });

  it('answers 50 items by default in the {data, next_cursor} envelope', async () => {
    const res = await app.inject({ url: path });
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['data', 'next_cursor']);
    const total = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(body.data).toHaveLength(Math.min(50, total));
  });

  it.each([
    ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=1e1', 'limit'], ['limit=0x10', 'limit'], ['limit=-1', 'limit'],
    ['colour=red', 'colour'], ['cursor=not-a-cursor', 'cursor'],
  ])('rejects ?%s with a problem naming %s', async (query, name) => {
    const res = await app.inject({ url: `${path}?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ in: 'query', name }] });
  });

  it('refuses a cursor handed out by a list with another ordering', async () => {
    const other = path === '/v1/claims' ? '/v1/events' : '/v1/claims';
    const { next_cursor } = (await app.inject({ url: `${other}?limit=1` })).json();
    const res = await app.inject({ url: `${path}?cursor=${next_cursor}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].name).toBe('cursor');
  });

  it('serves each item of the list by id, and 404s an unknown one', async () => {
    const [first] = (await app.inject({ url: `${path}?limit=1` })).json().data;
    const item = await app.inject({ url: `${path}/${first.id}` });
    expect(item.statusCode).toBe(200);
    expect(item.json()).toMatchObject(first);
    const missing = await app.inject({ url: `${path}/no-such-thing` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', instance: `${path}/no-such-thing` });
    expect(missing.json().detail).toContain('"no-such-thing"');
  });

  it('rejects an id that cannot be a slug with 400, not 404', async () => {
    const res = await app.inject({ url: `${path}/Not%20A%20Slug` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ in: 'path', name: 'id' });
  });
});

describe('serving without response validation (production)', () => {
  it('sends exactly what the validating serializer sends, on every list and item', async () => {
    const plainDb = seededDb();
    const plain = await buildApp({ config: { logLevel: 'silent', validateResponses: false }, db: plainDb });
    const urls = [
      ...RESOURCES.flatMap(({ path }) => [`${path}?limit=3`, `${path}?limit=2&cursor=`]),
      '/v1/search?q=troops&limit=3', '/v1/timeline?limit=3', '/v1/conflicts?limit=2', '/v1/topics/nk-troops-sent/figures?limit=3',
      '/v1/claims/kh1018-nis-1500-special-forces-shipped', '/v1/entities/nis', '/v1/articles/kh-2024-11-25-nk-casualties',
      '/v1/claims?limit=2&facets=stance&count=true',
    ];
    for (const url of urls) {
      let target = url;
      if (url.endsWith('cursor=')) {
        target += (await app.inject({ url: url.replace('&cursor=', '') })).json().next_cursor;
      }
      const checked = await app.inject({ url: target });
      const sent = await plain.inject({ url: target });
      expect(sent.statusCode, target).toBe(200);
      expect(sent.json(), target).toEqual(checked.json());
      expect(sent.body, target).not.toMatch(/"_k\d"/);
    }
    await plain.close();
  });
});
