// Searches matching more than RANKING_LIMIT rows are ranked by recency instead of bm25: checked on
// a synthetic archive just past the limit, where every claim says "troops".
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Db } from '../src/db/client.js';
import { expandPrefixes, RANKING_LIMIT } from '../src/db/full-text.js';
import { everyPage, freshDb } from './helpers.js';

const CLAIMS = RANKING_LIMIT + 150;

function fill(db: Db): void {
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
    INSERT INTO articles (id, title, publisher, authors, language, raw_text, body, published_from, published_to)
      SELECT 'a' || i, 'Article ' || i, 'P', '[]', 'en', 'raw', 'troops moved ' || i, '2024-01-01', '2024-01-01' FROM n;
    INSERT INTO entities (id, kind, name, aliases, description) VALUES
      ('troops-inc', 'organization', 'Troops Inc', '[]', 'x'), ('other', 'person', 'Other', '[]', 'x');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CLAIMS})
    INSERT INTO claims (id, article_id, text, quote_exact, quote_prefix, quote_suffix, quote_start, quote_end, claimant_id,
                        stance, certainty, claimed_on, claimed_from, claimed_to)
      SELECT printf('c%05d', i), 'a' || (1 + i % 30),
             CASE WHEN i = 7 THEN '<b>troops</b> & "rare-word" here' ELSE 'claim ' || i || ' about troops' END,
             'quote ' || i, '', '', 0, 1, 'other', 'asserts', 'stated',
             date('2024-01-01', '+' || (i % 300) || ' days'), date('2024-01-01', '+' || (i % 300) || ' days'),
             date('2024-01-01', '+' || (i % 300) || ' days') FROM n;`);
}

type Hit = { type: string; id: string; snippet: string; score: number | null };

describe('search ranking when the words match too many rows to score', () => {
  let db: Db;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const pageAll = (url: string, limit: number) =>
    everyPage<Hit, { data: Hit[]; next_cursor: string | null; ranked_by?: string; sort?: string }>(app, `${url}&limit=${limit}`);

  beforeAll(async () => {
    db = freshDb();
    fill(db);
    app = await buildApp({ config: { logLevel: 'silent' }, db });
  });
  afterAll(async () => {
    await app.close();
  });

  it('says it ranked by recency, gives no score, and lists entities, claims, articles, each newest first', async () => {
    const body = await get('/v1/search?q=troops&limit=200');
    expect(body.ranked_by).toBe('recency');
    const hits = body.data as Hit[];
    expect(hits.every((h) => h.score === null)).toBe(true);
    expect(hits[0]).toMatchObject({ type: 'entity', id: 'troops-inc' });
    const claimId = (i: number) => `c${String(i).padStart(5, '0')}`;
    expect(hits.slice(1, 4).map((h) => h.id)).toEqual([claimId(CLAIMS), claimId(CLAIMS - 1), claimId(CLAIMS - 2)]);
  });

  it('pages through every hit exactly once, in one ranking, across the types', async () => {
    const pages = await pageAll('/v1/search?q=troops', 173);
    expect(new Set(pages.map((p) => p.ranked_by))).toEqual(new Set(['recency']));
    const keys = pages.flatMap((p) => p.data.map((h) => `${h.type}:${h.id}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(1 + CLAIMS + 30);
    const types = keys.map((k) => k.split(':')[0]);
    expect(types.indexOf('article')).toBe(1 + CLAIMS);
    expect(types.lastIndexOf('claim')).toBe(CLAIMS);
  });

  it('looks a prefix no prefix index serves up as the words it starts in each index: the hits the prefix has', async () => {
    db.exec('SAVEPOINT words');
    try {
      db.exec("INSERT INTO entities (id, kind, name, aliases, description) VALUES ('troopers-guild', 'organization', 'Troopers Guild', '[]', 'x')");
      expect(expandPrefixes(db, 'entities_fts', '"troo"*')).toBe('("troopers" OR "troops")');
      expect(expandPrefixes(db, 'claims_fts', '"troo"*')).toBe('("troops")');
      const keys = (pages: { data: Hit[] }[]) => pages.flatMap((p) => p.data.map((h) => `${h.type}:${h.id}`));
      const prefixed = await pageAll('/v1/search?q=troo*', 200);
      expect(new Set(prefixed.map((p) => p.ranked_by))).toEqual(new Set(['recency']));
      expect(keys(prefixed).slice(0, 2)).toEqual(['entity:troopers-guild', 'entity:troops-inc']);
      expect(keys(prefixed).slice(1)).toEqual(keys(await pageAll('/v1/search?q=troops', 200)));
    } finally {
      db.exec('ROLLBACK TO words; RELEASE words');
    }
  });

  it('ranks a search with few matches by relevance, with scores', async () => {
    const body = await get('/v1/search?q=rare-word');
    expect(body.ranked_by).toBe('relevance');
    expect(body.data.map((h: Hit) => h.id)).toEqual(['c00007']);
    expect(typeof body.data[0].score).toBe('number');
  });

  it('keeps snippets HTML-escaped with <mark> under recency ranking', async () => {
    const hits = (await pageAll('/v1/search?q=troops&type=claim', 200)).flatMap((p) => p.data);
    const hostile = hits.find((h) => h.id === 'c00007')!;
    expect(hostile.snippet).toBe('&lt;b&gt;<mark>troops</mark>&lt;/b&gt; &amp; &quot;rare-word&quot; here');
  });

  // Each is counted, ranked and snippeted: any of the three handing it to FTS5 as syntax would fail.
  it.each([['troops"', 'recency'], ['-troops*', 'recency'], ['NEAR(troops', 'relevance'], ['troops OR', 'relevance'],
    ['text:troops', 'relevance']])('searches %j as words, never as syntax (ranked by %s)', async (q, ranking) => {
    const res = await app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}&limit=5` });
    expect(res.statusCode).toBe(200);
    expect(res.json().ranked_by).toBe(ranking);
  });

  it('refuses a recency cursor that was tampered with, and a relevance cursor under recency', async () => {
    const tampered = Buffer.from(JSON.stringify(['search:recency:article,claim,entity', 9, 1])).toString('base64url');
    expect((await app.inject({ url: `/v1/search?q=troops&cursor=${tampered}` })).statusCode).toBe(400);
    const { next_cursor } = await get('/v1/search?q=troops&type=claim&limit=2');
    expect((await app.inject({ url: `/v1/search?q=troops&cursor=${next_cursor}` })).statusCode).toBe(400);
  });

  it('serves the claims list newest first instead of by relevance, says so, and pages every claim once', async () => {
    const pages = await pageAll('/v1/claims?q=troops', 191);
    expect(new Set(pages.map((p) => p.sort))).toEqual(new Set(['-claimed_on']));
    const ids = pages.flatMap((p) => p.data.map((c) => c.id));
    expect(new Set(ids).size).toBe(CLAIMS);
    const rare = await get('/v1/claims?q=rare-word');
    expect(rare.sort).toBe('relevance');
    expect((await get('/v1/claims?q=troops&sort=claimed_on&limit=1')).sort).toBe('claimed_on');
    expect(Object.keys(await get('/v1/claims?limit=1')).sort()).toEqual(['data', 'next_cursor']);
  });
});
