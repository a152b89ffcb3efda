import { describe, expect, it } from 'vitest';
import { firstDay } from '../annotations/dates.js';
import { buildApp } from '../app.js';
import { everyPage, seededApp, seededDb, useSeededApp } from '../../test/helpers.js';
import type { Conflict } from './schema.js';

const { ctx, get } = useSeededApp();

type List = { data: Conflict[]; next_cursor: string | null };
const pairOf = (c: Conflict) => `${c.a.id} ~ ${c.b.id}`;
const list = async (query = ''): Promise<List> => get(`/v1/conflicts?limit=200${query}`);
const find = (body: List, a: string, b: string) => body.data.find((c) => c.a.id === a && c.b.id === b);

const PESKOV = 'csm1018-peskov-another-piece-of-fake-news';
const NIS_DISPATCHED = 'kh1018-nis-special-forces-dispatched';
const SIX_KILLED = 'csm1018-ukrainian-media-six-killed-donetsk';
const FIVE_HUNDRED_KILLED = 'kh1125-rbc-storm-shadow-500-killed';
const NIS_10900 = 'kh1125-nis-10900-troops-due';
const ZELENSKYY_10000 = 'kh1018-zelenskyy-10000-being-prepared';

describe('GET /v1/conflicts', () => {
  it("lists the Kremlin's \"fake news\" against the NIS, as annotated, with both claims in full", async () => {
    const conflict = find(await list(), PESKOV, NIS_DISPATCHED);
    expect(conflict?.reason).toEqual({ kind: 'annotated', relation: 'contradicts', from_claim_id: PESKOV, to_claim_id: NIS_DISPATCHED, note: null });
    expect(conflict?.a).toMatchObject({ claimant: { id: 'dmitry-peskov' }, stance: 'denies' });
    expect(conflict?.b).toMatchObject({ claimant: { id: 'nis' }, stance: 'asserts' });
  });

  it('serves each claim exactly as /v1/claims/{id} does (without its relations)', async () => {
    const { data } = await list();
    const ids = [...new Set(data.flatMap((c) => [c.a.id, c.b.id]))];
    expect(ids.length).toBeGreaterThan(20);
    const claims = new Map(data.flatMap((c) => [[c.a.id, c.a], [c.b.id, c.b]]));
    for (const id of ids) {
      const { relations, ...claim } = await get(`/v1/claims/${id}`);
      expect(relations).toBeDefined();
      expect(claims.get(id)).toEqual(claim);
    }
  });

  it('computes a conflict from figures: 6 killed against about 500 killed, 24 days apart', async () => {
    const conflict = find(await list(), SIX_KILLED, FIVE_HUNDRED_KILLED);
    expect(conflict?.reason).toEqual({
      kind: 'figures', topic_id: 'nk-casualties', unit: 'killed', days_apart: 24,
      a: { value: 6, min: null, max: null, approximate: false, low: 6, high: 6 },
      b: { value: 500, min: null, max: null, approximate: true, low: 450, high: 550 },
    });
  });

  it('window_days narrows computed conflicts to figures claimed close together', async () => {
    expect(find(await list('&window_days=24'), SIX_KILLED, FIVE_HUNDRED_KILLED)).toBeDefined();
    expect(find(await list('&window_days=23'), SIX_KILLED, FIVE_HUNDRED_KILLED)).toBeUndefined();
    const sameDay = await list('&window_days=0&kind=figures');
    expect(sameDay.data).toEqual([]);
    const wide = await list('&window_days=3660&kind=figures');
    expect(wide.data.length).toBeGreaterThan((await list('&kind=figures')).data.length);
  });

  it('takes the default window from CONFLICT_WINDOW_DAYS', async () => {
    const db = seededDb();
    // conflictWindowDays is a Config setting buildApp merges over its defaults.
    const app = await buildApp({ config: { logLevel: 'silent', conflictWindowDays: 7 }, db });
    const body: List = (await app.inject({ url: '/v1/conflicts?limit=200' })).json();
    await app.close();
    expect(find(body, SIX_KILLED, FIVE_HUNDRED_KILLED)).toBeUndefined();
    expect(body.data.some((c) => c.reason.kind === 'figures')).toBe(true);
  });

  it('tolerance decides how far "about" reaches: about 10,900 meets 10,000 at 10% but not at 5%', async () => {
    expect(find(await list(), NIS_10900, ZELENSKYY_10000)).toBeUndefined();
    const conflict = find(await list('&tolerance=0.05'), NIS_10900, ZELENSKYY_10000);
    expect(conflict?.reason).toMatchObject({ kind: 'figures', a: { low: 10355, high: 11445 }, b: { low: 10000, high: 10000 } });
    expect(find(await list('&tolerance=0'), SIX_KILLED, FIVE_HUNDRED_KILLED)?.reason).toMatchObject({ b: { low: 500, high: 500 } });
  });

  it('lists each pair once, the earlier claim first, and prefers the annotated reason', async () => {
    const { app, db } = await seededApp();
    const relate = db.prepare("INSERT INTO claim_relations (from_claim_id, type, to_claim_id, note) VALUES (?, 'contradicts', ?, ?)");
    relate.run(NIS_DISPATCHED, PESKOV, 'the other way round');
    relate.run(FIVE_HUNDRED_KILLED, SIX_KILLED, 'marked by hand as well');
    const all: List = (await app.inject({ url: '/v1/conflicts?limit=200' })).json();
    const figures: List = (await app.inject({ url: '/v1/conflicts?limit=200&kind=figures' })).json();
    await app.close();
    const pairs = all.data.map(pairOf);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.filter((p) => p.includes(PESKOV) && p.includes(NIS_DISPATCHED))).toHaveLength(1);
    expect(find(all, SIX_KILLED, FIVE_HUNDRED_KILLED)?.reason).toMatchObject({ kind: 'annotated', note: 'marked by hand as well' });
    expect(find(figures, SIX_KILLED, FIVE_HUNDRED_KILLED)?.reason.kind).toBe('figures');
    for (const c of all.data) expect(`${firstDay(c.a.claimed_on)} ${c.a.id}` < `${firstDay(c.b.claimed_on)} ${c.b.id}`).toBe(true);
  });

  it('filters by kind, topic, claimant and entity (either side)', async () => {
    const annotated = await list('&kind=annotated');
    const { n } = ctx.db.prepare("SELECT count(*) AS n FROM claim_relations WHERE type = 'contradicts'").get() as { n: number };
    expect(annotated.data).toHaveLength(n);
    expect(annotated.data.every((c) => c.reason.kind === 'annotated')).toBe(true);
    const figures = await list('&kind=figures');
    expect(figures.data.length).toBeGreaterThan(0);
    expect(figures.data.every((c) => c.reason.kind === 'figures')).toBe(true);
    expect((await list('&kind=annotated,figures')).data).toHaveLength(annotated.data.length + figures.data.length);

    const casualties = await list('&topic=nk-casualties');
    expect(casualties.data.length).toBeGreaterThan(0);
    expect(casualties.data.every((c) => [c.a.topic_id, c.b.topic_id].includes('nk-casualties'))).toBe(true);
    const peskov = await list('&claimant=dmitry-peskov');
    expect(peskov.data.map(pairOf)).toContain(`${PESKOV} ~ ${NIS_DISPATCHED}`);
    expect(peskov.data.every((c) => [c.a.claimant?.id, c.b.claimant?.id].includes('dmitry-peskov'))).toBe(true);
    // Lee Seong-kweun only passed claims on (via), and made none of them.
    const lee = await list('&entity=lee-seong-kweun');
    expect(lee.data.length).toBeGreaterThan(0);
    expect(lee.data.every((c) => [...c.a.via, ...c.b.via].some((v) => v.id === 'lee-seong-kweun'))).toBe(true);
    expect((await list('&entity=nobody-at-all')).data).toEqual([]);
  });

  it.each([1, 4, 10])('pages with limit=%i in a stable order, every pair once', async (limit) => {
    const whole = await list();
    const pages = await everyPage<Conflict>(ctx.app, `/v1/conflicts?limit=${limit}`);
    for (const page of pages) expect(page.data.length).toBeLessThanOrEqual(limit);
    const seen = pages.flatMap((page) => page.data.map(pairOf));
    expect(seen).toEqual(whole.data.map(pairOf));
  });

  it.each([
    ['window_days=-1', 'window_days'], ['window_days=1e1', 'window_days'], ['window_days=9999', 'window_days'],
    ['tolerance=2', 'tolerance'], ['tolerance=abc', 'tolerance'], ['tolerance=-0.1', 'tolerance'],
    ['kind=guessed', 'kind'], ['topic=Not%20A%20Slug', 'topic'], ['limit=0', 'limit'], ['colour=red', 'colour'],
    ['cursor=abc', 'cursor'],
  ])('rejects ?%s naming %s', async (query, name) => {
    const res = await ctx.app.inject({ url: `/v1/conflicts?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'query', name })]));
  });
});
