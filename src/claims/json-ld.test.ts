import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../../test/helpers.js';
import type { ArticleDetail } from '../articles/schema.js';
import { claimJsonLdSchema, claimToSchemaOrg } from './json-ld.js';
import type { Claim, ClaimDetail } from './schema.js';

const { get } = useSeededApp();

async function claimAndArticle(id: string): Promise<[ClaimDetail, ArticleDetail]> {
  const claim: ClaimDetail = await get(`/v1/claims/${id}`);
  return [claim, await get(`/v1/articles/${claim.article_id}`)];
}

describe('claimToSchemaOrg', () => {
  it('describes a claim as a schema.org Claim appearing, with its quotation, in a NewsArticle', async () => {
    const [claim, article] = await claimAndArticle('csm1018-nis-1500-shipped-to-vladivostok');
    const ld = claimToSchemaOrg(claim, article);
    expect(claimJsonLdSchema.safeParse(ld).success).toBe(true);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Claim',
      '@id': '/v1/claims/csm1018-nis-1500-shipped-to-vladivostok',
      text: claim.text,
      author: { '@type': 'GovernmentOrganization', '@id': '/v1/entities/nis', name: 'National Intelligence Service' },
      dateCreated: '2024-10-18',
      appearance: {
        '@type': 'NewsArticle',
        '@id': '/v1/articles/csm-2024-10-18-is-that-true',
        headline: 'South Korea says North Korea is sending troops to Russia. Is that true?',
        publisher: { '@type': 'Organization', name: 'The Christian Science Monitor' },
        url: 'https://www.csmonitor.com/World/Asia-Pacific/2024/1018/north-korea-russia-ukraine-war-troop-deployment',
        datePublished: '2024-10-18',
        inLanguage: 'en',
        hasPart: { '@type': 'Quotation', text: claim.quote.exact },
      },
    });
    expect(ld).not.toHaveProperty('firstAppearance');
    expect(ld.about.map((t) => t['@id'])).toEqual([...new Set(claim.entities.map((e) => `/v1/entities/${e.id}`))]);
  });

  it.each([
    ['csm1018-peskov-another-piece-of-fake-news', 'Person'],
    ['csm1018-ap-nis-mixed-record', 'Organization'],
    ['csm1018-nk-views-exercises-as-invasion-rehearsals', 'GovernmentOrganization'],
    ['jad2502-sources-1000-to-3000-newly-deployed', 'Person'],
  ])('types the author of %s as a %s', async (id, type) => {
    const [claim, article] = await claimAndArticle(id);
    expect(claimToSchemaOrg(claim, article).author?.['@type']).toBe(type);
  });

  it('leaves out what the report does not give: the author of an unsourced claim, a url, a publication date', async () => {
    const [claim, article] = await claimAndArticle('jad2502-reports-nk-unhappy-artillery-support');
    const ld = claimToSchemaOrg(claim, article);
    expect(claim.claimant).toBeNull();
    expect(ld).not.toHaveProperty('author');
    expect(ld.appearance).not.toHaveProperty('url');
    expect(claimJsonLdSchema.safeParse(ld).success).toBe(true);
    const undated = claimToSchemaOrg(claim, { ...article, published_at: null });
    expect(undated.appearance).not.toHaveProperty('datePublished');
  });

  it('makes IRIs absolute with a base URL, and names the first appearance when the caller knows it', async () => {
    const [claim, article] = await claimAndArticle('csm1018-nis-1500-shipped-to-vladivostok');
    const [, first] = await claimAndArticle('kh1018-nis-1500-special-forces-shipped');
    const ld = claimToSchemaOrg(claim, article, { baseUrl: 'https://api.example.org/', firstAppearance: first });
    expect(ld['@id']).toBe('https://api.example.org/v1/claims/csm1018-nis-1500-shipped-to-vladivostok');
    expect(ld.author?.['@id']).toBe('https://api.example.org/v1/entities/nis');
    expect(ld.firstAppearance).toMatchObject({
      '@type': 'NewsArticle', '@id': 'https://api.example.org/v1/articles/kh-2024-10-18-nk-sends-troops',
      headline: first.title, publisher: { name: 'The Korea Herald' }, author: [{ '@type': 'Person', name: 'Ji Da-gyum' }],
    });
    expect(ld.firstAppearance).not.toHaveProperty('hasPart');
  });

  it('gives every entity once in about, even when it plays two roles', () => {
    const claim: Claim = {
      id: 'x', article_id: 'a', text: 't', quote: { exact: 'q', prefix: '', suffix: '', start: 0, end: 1 },
      claimant: null, via: [], stance: 'asserts', certainty: 'stated', claimed_on: '2024', quantities: [],
      entities: [{ id: 'nis', name: 'NIS', role: 'agent' }, { id: 'nis', name: 'NIS', role: 'subject' }],
      event_ids: [], topic_id: null, version: 1,
    };
    const article = { id: 'a', title: 'T', publisher: 'P', authors: [], url: null, published_at: null, language: 'en' };
    expect(claimToSchemaOrg(claim, article).about)
      .toEqual([{ '@type': 'Thing', '@id': '/v1/entities/nis', name: 'NIS' }]);
  });
});
