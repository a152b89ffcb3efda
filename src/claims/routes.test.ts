import { describe, expect, it } from 'vitest';
import { firstDay } from '../annotations/dates.js';
import { sliceCodePoints } from '../annotations/text-position.js';
import { useSeededApp } from '../../test/helpers.js';

const { get } = useSeededApp();

describe('/v1/claims', () => {
  it('shows a claim with its claimant, the chain it came through, figures, subjects, events and topic', async () => {
    const claim = await get('/v1/claims/jad1120-nis-11000-troops-to-kursk-late-october');
    expect(claim).toMatchObject({
      article_id: 'jad-2024-11-20-nk-troops-in-combat',
      claimant: { id: 'nis', name: 'National Intelligence Service', kind: 'government_body' },
      via: [{ id: 'lee-seong-kweun', name: 'Lee Seong-kweun' }, { id: 'park-sun-won', name: 'Park Sun-won' }],
      stance: 'asserts', certainty: 'estimated', claimed_on: '2024-11-20', topic_id: 'nk-troops-sent',
      quantities: [{ value: 11000, min: null, max: null, unit: 'troops', approximate: true }],
    });
    expect(claim.event_ids).toContain('nis-briefing-2024-11-20');
    expect(claim.entities.length).toBeGreaterThan(0);
  });

  it("quotes exactly the words at the claim's offsets in its article's body", async () => {
    const claim = await get('/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    const article = await get(`/v1/articles/${claim.article_id}`);
    expect(sliceCodePoints(article.body, claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
    expect(claim.quote.exact).toContain('fake news');
    expect(claim.stance).toBe('denies');
  });

  it('lists relations both ways on the item', async () => {
    const nis = await get('/v1/claims/kh1018-nis-special-forces-dispatched');
    expect(nis.relations).toEqual(expect.arrayContaining([
      { type: 'contradicts', claim_id: 'csm1018-peskov-another-piece-of-fake-news', direction: 'incoming' },
    ]));
    const peskov = await get('/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    expect(peskov.relations).toEqual(expect.arrayContaining([
      { type: 'contradicts', claim_id: 'kh1018-nis-special-forces-dispatched', direction: 'outgoing' },
    ]));
  });

  it('orders the list by when claims were made, then id', async () => {
    const { data } = await get('/v1/claims?limit=200');
    const keys = data.map((c: { claimed_on: string; id: string }) => `${firstDay(c.claimed_on)} ${c.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(data[0].claimed_on < data.at(-1).claimed_on).toBe(true);
  });

  it('keeps list items free of relations (they are on the item)', async () => {
    const { data } = await get('/v1/claims?limit=1');
    expect(data[0]).not.toHaveProperty('relations');
  });
});

describe('the documented example', () => {
  it('is exactly what the API serves for that claim', async () => {
    const { claimDetailExample } = await import('./schema.js');
    expect(await get(`/v1/claims/${claimDetailExample.id}`)).toEqual(claimDetailExample);
  });
});

describe('GET /v1/claims/{id} as JSON-LD', () => {
  const { ctx } = useSeededApp();
  const asJsonLd = (id: string, accept = 'application/ld+json') =>
    ctx.app.inject({ url: `/v1/claims/${id}`, headers: { accept } });

  it('is a schema.org Claim with its author, date, subjects and the report and words it appears in', async () => {
    const res = await asJsonLd('csm1018-peskov-another-piece-of-fake-news');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(res.headers.vary).toMatch(/Accept/);
    const claim = res.json();
    expect(claim).toMatchObject({
      '@context': 'https://schema.org', '@type': 'Claim', dateCreated: '2024-10',
      author: { '@type': 'Person', name: 'Dmitry Peskov' },
      appearance: { '@type': 'NewsArticle', publisher: { name: 'The Christian Science Monitor' } },
    });
    expect(claim['@id']).toBe('/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    expect(claim.appearance.hasPart.text).toContain('fake news');
  });

  it('makes IRIs absolute from PUBLIC_URL only, never from the Host a client sends', async () => {
    const forged = await ctx.app.inject({
      url: '/v1/claims/csm1018-peskov-another-piece-of-fake-news', headers: { accept: 'application/ld+json', host: 'evil.example' },
    });
    expect(forged.body).not.toContain('evil.example');
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ config: { logLevel: 'silent', publicUrl: 'https://claims.example.org' }, db: ctx.db });
    const claim = (await app.inject({ url: '/v1/claims/csm1018-peskov-another-piece-of-fake-news', headers: { accept: 'application/ld+json', host: 'evil.example' } })).json();
    expect(claim['@id']).toBe('https://claims.example.org/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    expect(claim.author['@id']).toBe('https://claims.example.org/v1/entities/dmitry-peskov');
    await app.close();
  });

  it('names the earliest report as firstAppearance when the claim repeats an earlier one', async () => {
    const claim = (await asJsonLd('csm1018-nis-1500-shipped-to-vladivostok')).json();
    expect(claim.appearance['@id']).toMatch(/csm-2024-10-18-is-that-true$/);
    expect(claim.firstAppearance['@id']).toMatch(/kh-2024-10-18-nk-sends-troops$/);
    const original = (await asJsonLd('kh1018-nis-1500-special-forces-shipped')).json();
    expect(original).not.toHaveProperty('firstAppearance');
  });

  it('prefers JSON when both are acceptable, and answers 406 when neither is', async () => {
    expect((await asJsonLd('nis-no-such-claim', 'application/ld+json')).statusCode).toBe(404);
    const either = await asJsonLd('csm1018-peskov-another-piece-of-fake-news', 'application/json, application/ld+json;q=0.5');
    expect(either.json()).toHaveProperty('relations');
    const html = await asJsonLd('csm1018-peskov-another-piece-of-fake-news', 'text/html');
    expect(html.statusCode).toBe(406);
    expect(html.json().code).toBe('not_acceptable');
  });
});
