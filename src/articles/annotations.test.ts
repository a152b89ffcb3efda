import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../annotations/text-position.js';
import { seededApp, useSeededApp } from '../../test/helpers.js';
import type { ArticleAnnotations, Span, WebAnnotation, WebAnnotationCollection } from './annotations-schema.js';
import { webAnnotationCollectionSchema } from './annotations-schema.js';

const { ctx, get } = useSeededApp();

const ARTICLE = 'csm-2024-10-18-is-that-true';
const url = (id = ARTICLE) => `/v1/articles/${id}/annotations`;
const LD = 'application/ld+json';
const fetchAs = (accept: string | undefined, id = ARTICLE) =>
  ctx.app.inject({ url: url(id), headers: accept === undefined ? {} : { accept } });

function expectAnchored(body: string, span: Pick<Span, 'start' | 'end' | 'exact' | 'prefix' | 'suffix'>) {
  expect(sliceCodePoints(body, span.start, span.end)).toBe(span.exact);
  expect(sliceCodePoints(body, span.start - Array.from(span.prefix).length, span.start)).toBe(span.prefix);
  expect(sliceCodePoints(body, span.end, span.end + Array.from(span.suffix).length)).toBe(span.suffix);
}

describe('GET /v1/articles/{id}/annotations as JSON', () => {
  it('returns the body and every claim quote and mention as spans that match the body at their offsets', async () => {
    const { article_id, body, spans }: ArticleAnnotations = await get(url());
    expect(article_id).toBe(ARTICLE);
    expect(body).toBe((await get(`/v1/articles/${ARTICLE}`)).body);
    const count = (table: string) =>
      (ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE article_id = ?`).get(ARTICLE) as { n: number }).n;
    expect(spans.filter((s) => s.type === 'claim')).toHaveLength(count('claims'));
    expect(spans.filter((s) => s.type === 'mention')).toHaveLength(count('mentions'));
    for (const span of spans) expectAnchored(body, span);
    const order = spans.map((s) => [s.start, -s.end]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('tells a highlighter who said it and how, and which entity a mention names', async () => {
    const { spans }: ArticleAnnotations = await get(url());
    expect(spans.find((s) => s.type === 'claim' && s.claim_id === 'csm1018-peskov-another-piece-of-fake-news')).toMatchObject({
      claimant: { id: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' }, stance: 'denies', certainty: 'stated',
    });
    const mention = spans.find((s) => s.type === 'mention' && s.exact === 'Dmitry Peskov');
    expect(mention).toMatchObject({ entity: { id: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' } });
  });

  it('counts offsets and context in code points, not UTF-16 units', async () => {
    const { app, db } = await seededApp();
    const body = '🇰🇷 Seoul: 😀 the NIS said so.';
    db.prepare(`INSERT INTO articles (id, title, publisher, authors, language, raw_text, body)
      VALUES ('emoji', 'Emoji', 'Test', '[]', 'en', ?, ?)`).run(body, body);
    const start = Array.from(body).indexOf('N'); // 16; String.indexOf would say 19
    db.prepare("INSERT INTO mentions (article_id, entity_id, start, \"end\", text) VALUES ('emoji', 'nis', ?, ?, 'NIS')")
      .run(start, start + 3);
    const res: ArticleAnnotations = (await app.inject({ url: url('emoji') })).json();
    await app.close();
    expect(res.spans).toHaveLength(1);
    expect(res.spans[0]).toMatchObject({ start: 16, exact: 'NIS', prefix: '🇰🇷 Seoul: 😀 the ', suffix: ' said so.' });
    expectAnchored(body, res.spans[0]);
  });

  it('404s an unknown article and 400s an id that cannot be one', async () => {
    expect((await ctx.app.inject({ url: url('no-such-article') })).json()).toMatchObject({ status: 404, code: 'not_found' });
    expect((await ctx.app.inject({ url: url('Not%20A%20Slug') })).statusCode).toBe(400);
  });
});

describe('GET /v1/articles/{id}/annotations as W3C Web Annotations', () => {
  it('serves application/ld+json: a collection whose annotations carry both selectors for each span', async () => {
    const res = await fetchAs(LD);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json; profile="http:\/\/www\.w3\.org\/ns\/anno\.jsonld"/);
    expect(String(res.headers.vary).toLowerCase().split(/\s*,\s*/)).toContain('accept');
    const collection: WebAnnotationCollection = res.json();
    expect(webAnnotationCollectionSchema.safeParse(collection).success).toBe(true);
    expect(collection).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection',
      id: `/v1/articles/${ARTICLE}/annotations`,
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    const { spans, body }: ArticleAnnotations = await get(url());
    const items = collection.first.items;
    expect(collection.total).toBe(spans.length);
    expect(items).toHaveLength(spans.length);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    items.forEach((annotation: WebAnnotation, i) => {
      expect(annotation.type).toBe('Annotation');
      expect(annotation.target.source).toBe(`/v1/articles/${ARTICLE}`);
      const [quote, position] = annotation.target.selector;
      expect(quote).toEqual({ type: 'TextQuoteSelector', exact: spans[i].exact, prefix: spans[i].prefix, suffix: spans[i].suffix });
      expect(position).toEqual({ type: 'TextPositionSelector', start: spans[i].start, end: spans[i].end });
      expect(sliceCodePoints(body, spans[i].start, spans[i].end)).toBe(spans[i].exact);
    });
  });

  it('describes a claim with its text and a link to it, and identifies a mention with its entity', async () => {
    const { first }: WebAnnotationCollection = (await fetchAs(LD)).json();
    const claim = first.items.find((a) => a.id.endsWith('#claim-csm1018-peskov-another-piece-of-fake-news'));
    expect(claim?.motivation).toBe('describing');
    expect(claim?.body).toEqual(expect.arrayContaining([
      { type: 'SpecificResource', source: '/v1/claims/csm1018-peskov-another-piece-of-fake-news', purpose: 'linking' },
      { type: 'TextualBody', value: 'denies', format: 'text/plain', purpose: 'tagging' },
    ]));
    const mention = first.items.find((a) => a.motivation === 'identifying' && a.target.selector[0].type === 'TextQuoteSelector'
      && a.target.selector[0].exact === 'Dmitry Peskov');
    expect(mention?.body).toContainEqual({ type: 'SpecificResource', source: '/v1/entities/dmitry-peskov', purpose: 'identifying' });
    expect(claim?.target.scope).toBe((await get(`/v1/articles/${ARTICLE}`)).url);
  });

  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['application/*', 'application/json'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'application/json'],
    ['application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', LD],
    ['application/json;q=0.5, application/ld+json', LD],
    ['application/ld+json;q=0.2, application/json', 'application/json'],
    ['application/ld+json, */*;q=0.1', LD],
  ])('answers Accept %j with %s', async (accept, type) => {
    const res = await fetchAs(accept);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type']).split(';')[0]).toBe(type);
  });

  it.each(['text/html', 'application/xml, text/plain;q=0.5', 'application/ld+json;q=0'])(
    'answers Accept %j with a 406 problem', async (accept) => {
      const res = await fetchAs(accept);
      expect(res.statusCode).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'not_acceptable', status: 406 });
      expect(res.json().detail).toContain('application/ld+json');
    },
  );

  it('documents both media types and the 406 in the spec', async () => {
    await ctx.app.ready();
    const operation = (ctx.app.swagger() as any).paths['/v1/articles/{id}/annotations'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json', LD]);
    expect(Object.keys(operation.responses['406'].content)).toEqual(['application/problem+json']);
  });
});
