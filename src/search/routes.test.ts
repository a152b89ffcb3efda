import { describe, expect, it } from 'vitest';
import { everyItem, useSeededApp } from '../../test/helpers.js';

const { ctx, get } = useSeededApp();

describe('/v1/search', () => {
  it('finds claims, articles and entities, best first, with highlighted snippets', async () => {
    const { data } = await get('/v1/search?q=fake%20news');
    expect(data[0]).toMatchObject({ type: 'claim', id: 'csm1018-peskov-another-piece-of-fake-news' });
    expect(data[0].snippet).toContain('<mark>fake</mark> <mark>news</mark>');
    expect(data.map((h: { type: string }) => h.type)).toContain('article');
    const scores = data.map((h: { score: number }) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('searches a quoted phrase as a phrase, and a trailing * as a prefix', async () => {
    const phrase = await get('/v1/search?q=%22no%20evidence%22&type=claim');
    expect(phrase.data.map((h: { id: string }) => h.id)).toEqual(['kh1018-rutte-no-evidence-nk-in-fight']);
    const prefix = await get('/v1/search?q=zelensk*&type=entity');
    expect(prefix.data.map((h: { id: string }) => h.id)).toEqual(['volodymyr-zelenskyy']);
  });

  it('lists each hit once even when a type is named twice', async () => {
    const twice = await get('/v1/search?q=peskov&type=entity,entity');
    expect(twice.data.map((h: { id: string }) => h.id)).toEqual(['dmitry-peskov']);
    expect(twice.next_cursor).toBeNull();
  });

  it('finds accented words typed decomposed (NFD) as well as composed', async () => {
    const composed = await get('/v1/search?q=p%C3%A9skov&type=entity');
    const decomposed = await get('/v1/search?q=pe%CC%81skov&type=entity');
    expect(composed.data.map((h: { id: string }) => h.id)).toEqual(['dmitry-peskov']);
    expect(decomposed.data).toEqual(composed.data);
    expect((await get('/v1/entities?q=pe%CC%81sk')).data.map((e: { id: string }) => e.id)).toEqual(['dmitry-peskov']);
  });

  it('ignores case and accents', async () => {
    const plain = await get('/v1/search?q=kursk&type=article');
    const shouted = await get('/v1/search?q=K%C3%9CRSK&type=article');
    expect(shouted.data.map((h: { id: string }) => h.id)).toEqual(plain.data.map((h: { id: string }) => h.id));
    expect(plain.data.length).toBeGreaterThan(0);
  });

  it('escapes HTML in snippets, keeping only its own <mark> tags', async () => {
    const { markMatches } = await import('./sources.js');
    expect(markMatches('<script>\ue000x\ue001</script> & "y"')).toBe('&lt;script&gt;<mark>x</mark>&lt;/script&gt; &amp; &quot;y&quot;');
  });

  it.each([
    '"unbalanced', 'NEAR(kursk', 'kursk AND', '*', "it's", '-kursk', 'body:kursk', 'a OR', '((', 'kursk"', '^kursk',
  ])('answers %j without a 5xx', async (q) => {
    const res = await ctx.app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBeLessThan(500);
    expect([200, 400]).toContain(res.statusCode);
  });

  it.each([['', 'needs at least one word'], ['*', 'needs at least one word'], ['x'.repeat(201), 'at most 200']])(
    'refuses q=%j with a 400 naming q', async (q, message) => {
      const res = await ctx.app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ in: 'query', name: 'q' });
      expect(res.json().errors[0].message).toContain(message);
    });

  it('requires q, and pages through every hit exactly once', async () => {
    expect((await ctx.app.inject({ url: '/v1/search' })).statusCode).toBe(400);
    const all = (await get('/v1/search?q=north&limit=200')).data.map((h: { type: string; id: string }) => `${h.type}:${h.id}`);
    const paged = (await everyItem<{ type: string; id: string }>(ctx.app, '/v1/search?q=north&limit=7')).map((h) => `${h.type}:${h.id}`);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThan(50);
  });
});
