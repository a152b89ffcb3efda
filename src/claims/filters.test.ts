import { describe, expect, it } from 'vitest';
import { everyItem, keysetPages, useSeededApp } from '../../test/helpers.js';
import { firstDay, lastDay } from '../annotations/dates.js';
import { expandPrefixes, type MatchDensity } from '../db/full-text.js';
import { claimSql } from './filters.js';
import { claimListQuery, type ClaimListQuery } from './schema.js';

const { ctx, get } = useSeededApp();
type Claim = { id: string; claimant: { id: string } | null; stance: string; claimed_on: string; topic_id: string | null; quantities: unknown[] };
const claims = async (query: string): Promise<Claim[]> => (await get(`/v1/claims?limit=200&${query}`)).data;
const sql = (text: string, ...params: unknown[]) => ctx.db.prepare(text).all(...params) as { id: string }[];

describe('/v1/claims filters', () => {
  it('claimant: what has the NIS claimed about troop numbers, in order?', async () => {
    const nis = await claims('claimant=nis&topic=nk-troops-sent&has_quantity=true');
    expect(nis.length).toBeGreaterThan(2);
    expect(nis.every((c) => c.claimant?.id === 'nis' && c.topic_id === 'nk-troops-sent' && c.quantities.length > 0)).toBe(true);
    const days = nis.map((c) => firstDay(c.claimed_on));
    expect(days).toEqual([...days].sort());
  });

  it('a comma-separated value means any of them', async () => {
    const either = await claims('stance=denies,cannot_confirm');
    expect(new Set(either.map((c) => c.stance))).toEqual(new Set(['denies', 'cannot_confirm']));
    expect(either.length).toBe((await claims('stance=denies')).length + (await claims('stance=cannot_confirm')).length);
  });

  it('entity matches claimant, via and subjects, with one or several entities', async () => {
    const lee = await claims('entity=lee-seong-kweun');
    const expected = sql('SELECT claim_id AS id FROM claim_via WHERE entity_id = ? ORDER BY 1', 'lee-seong-kweun');
    expect(lee.map((c) => c.id).sort()).toEqual(expected.map((r) => r.id));
    const rutte = await claims('entity=mark-rutte');
    const both = await claims('entity=mark-rutte,lee-seong-kweun');
    expect(both.length).toBe(new Set([...rutte, ...lee].map((c) => c.id)).size);
  });

  it('from/to select claims whose date overlaps, so a month counts when any of its days does', async () => {
    const november = await claims('from=2024-11-01&to=2024-11-30');
    expect(november.length).toBeGreaterThan(0);
    for (const c of november) {
      expect(lastDay(c.claimed_on) >= '2024-11-01' && firstDay(c.claimed_on) <= '2024-11-30', c.claimed_on).toBe(true);
    }
    expect(november.map((c) => c.claimed_on)).toContain('2024-11');
    const octoberMonth = await claims('from=2024-10&to=2024-10');
    expect(octoberMonth.map((c) => c.claimed_on)).toEqual(expect.arrayContaining(['2024-10', '2024-10-18', '2024-10-17']));
  });

  it('article, certainty, event and has_quantity=false filter what they say', async () => {
    const article = await claims('article=kh-2024-11-25-nk-casualties');
    expect(article.length).toBe(sql("SELECT id FROM claims WHERE article_id = 'kh-2024-11-25-nk-casualties'").length);
    const confirmed = await claims('certainty=confirmed');
    expect(confirmed.length).toBe(sql("SELECT id FROM claims WHERE certainty = 'confirmed'").length);
    const briefing = await claims('event=nis-briefing-2024-11-20');
    expect(briefing.length).toBe(sql("SELECT claim_id AS id FROM claim_events WHERE event_id = 'nis-briefing-2024-11-20'").length);
    expect((await claims('has_quantity=false')).every((c) => c.quantities.length === 0)).toBe(true);
  });

  it('q searches claim text and quote; sort=relevance and -claimed_on order as asked', async () => {
    const hits = await claims('q=%22fake%20news%22');
    expect(hits.map((c) => c.id)).toEqual(['csm1018-peskov-another-piece-of-fake-news']);
    const newest = await claims('sort=-claimed_on');
    const days = newest.map((c) => firstDay(c.claimed_on));
    expect(days).toEqual([...days].sort().reverse());
    const relevant = (await get('/v1/claims?q=soldiers%20killed&sort=relevance&limit=200')).data.map((c: Claim) => c.id);
    const ranked = sql(`SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid
      WHERE claims_fts MATCH '"soldiers" "killed"' ORDER BY bm25(claims_fts), c.id`).map((r) => r.id);
    expect(ranked.length).toBeGreaterThan(2);
    expect(relevant).toEqual(ranked);
    const byDate = (await get('/v1/claims?q=soldiers%20killed&sort=claimed_on&limit=200')).data.map((c: Claim) => c.id);
    expect(byDate).not.toEqual(relevant);
    expect([...byDate].sort()).toEqual([...relevant].sort());
  });

  it('facets count the whole filtered set and count=true gives the total', async () => {
    const page = await get('/v1/claims?limit=1&topic=nk-troops-in-combat&facets=stance,claimant&count=true');
    expect(page.data).toHaveLength(1);
    const total = sql("SELECT id FROM claims WHERE topic_id = 'nk-troops-in-combat'").length;
    expect(page.total).toBe(total);
    const stanceSum = page.facets.stance.reduce((sum: number, f: { count: number }) => sum + f.count, 0);
    expect(stanceSum).toBe(total);
    expect(page.facets.claimant[0]).toMatchObject({ value: 'nis', label: 'National Intelligence Service' });
    const plain = await get('/v1/claims?limit=1');
    expect(plain).not.toHaveProperty('total');
    expect(plain).not.toHaveProperty('facets');
  });

  it('pages a filtered list exactly once, and refuses its cursor for another sort', async () => {
    const all = (await claims('entity=nis')).map((c) => c.id);
    const seen = (await everyItem<Claim>(ctx.app, '/v1/claims?entity=nis&limit=4')).map((c) => c.id);
    expect(seen).toEqual(all);
    const { next_cursor } = await get('/v1/claims?limit=1');
    expect((await ctx.app.inject({ url: `/v1/claims?sort=-claimed_on&cursor=${next_cursor}` })).statusCode).toBe(400);
  });

  // The corpus is small, so the route always takes the first plan; each is run here on the same queries.
  it.each([
    { q: 'troops', sort: 'claimed_on' }, { q: 'troops', sort: '-claimed_on', from: '2024-11' },
    { q: 'north korea', sort: 'claimed_on', entity: 'nis,zelenskyy' }, { q: 'killed', sort: '-claimed_on', entity: 'nis' },
  ])('q in date order: the same pages whether its matches drive, are probed as a set, or one by one (%o)', (asked) => {
    const query = claimListQuery.parse({ ...asked, limit: '3' });
    const planned = (matches: MatchDensity) => ({ ...claimSql(query, { sort: query.sort!, matches }), select: 'c.id' });
    const driven = keysetPages(ctx.db, planned('few'), 3);
    expect(driven.flat().length).toBeGreaterThan(3);
    expect(keysetPages(ctx.db, planned('some'), 3)).toEqual(driven);
    expect(keysetPages(ctx.db, planned('dense'), 3)).toEqual(driven);
    // Writes may move the count across COLLECT_UP_TO between two pages: a cursor serves every plan.
    const turns: MatchDensity[] = ['some', 'few', 'dense'];
    expect(keysetPages(ctx.db, (page) => planned(turns[page % 3]), 3)).toEqual(driven);
  });

  it.each([
    { q: 'troo*', sort: '-claimed_on' }, { q: 'nort* kore*', sort: 'claimed_on', from: '2024-11' },
  ])('a prefix no prefix index serves: the words it starts give its pages, under every plan (%o)', (asked) => {
    const query = claimListQuery.parse({ ...asked, limit: '3' });
    const words = { ...query, q: expandPrefixes(ctx.db, 'claims_fts', query.q!) };
    expect(words.q).not.toBe(query.q);
    const pages = (q: ClaimListQuery, matches: MatchDensity) =>
      keysetPages(ctx.db, { ...claimSql(q, { sort: query.sort!, matches }), select: 'c.id' }, 3);
    const asTyped = pages(query, 'few');
    expect(asTyped.flat().length).toBeGreaterThan(3);
    for (const matches of ['few', 'some', 'dense'] as const) expect(pages(words, matches)).toEqual(asTyped);
  });

  it.each([
    ['stance=maybe', 'stance'], ['from=2024-13', 'from'], ['from=2025-01&to=2024-12', 'from'], ['sort=relevance', 'sort'],
    ['has_quantity=yes', 'has_quantity'], ['claimant=NIS', 'claimant'], ['facets=colour', 'facets'], ['q=%22%22', 'q'],
  ])('refuses %s with a problem naming %s', async (query, name) => {
    const res = await ctx.app.inject({ url: `/v1/claims?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(name);
  });
});
