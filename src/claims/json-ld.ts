// A claim as schema.org JSON-LD (https://schema.org/Claim), for pages and fact-checking tools that
// read structured data: the claim's text, who made it and when, and the report it appears in, with
// the exact quoted words as a Quotation that is part of that report.
import { z } from 'zod';
import type { Article } from '../articles/schema.js';
import type { Claim } from './schema.js';

const AUTHOR_TYPES = ['Person', 'Organization', 'GovernmentOrganization'] as const;
type AuthorType = (typeof AUTHOR_TYPES)[number];

// schema.org's author must be a Person or an Organization: a country speaks through its government,
// an unnamed source is a person, and every other kind of claimant (outlet, think tank, group) is an organization.
const AUTHOR_TYPE_BY_KIND: Partial<Record<NonNullable<Claim['claimant']>['kind'], AuthorType>> = {
  person: 'Person',
  anonymous_source: 'Person',
  government_body: 'GovernmentOrganization',
  country: 'GovernmentOrganization',
};

const newsArticleSchema = z.object({
  '@type': z.literal('NewsArticle'),
  '@id': z.string(),
  headline: z.string(),
  publisher: z.object({ '@type': z.literal('Organization'), name: z.string() }),
  author: z.array(z.object({ '@type': z.literal('Person'), name: z.string() })),
  url: z.string().optional().describe('Where the report was published, when known.'),
  datePublished: z.string().optional().describe('ISO 8601, as precise as known.'),
  inLanguage: z.string(),
  hasPart: z.object({ '@type': z.literal('Quotation'), text: z.string().describe('The exact words in the report.') })
    .optional().describe('The words of the report that carry the claim.'),
});

export const claimJsonLdSchema = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('Claim'),
    '@id': z.string(),
    text: z.string().describe('The claim restated as one plain sentence.'),
    author: z.object({ '@type': z.enum(AUTHOR_TYPES), '@id': z.string(), name: z.string() }).optional()
      .describe('Who made the claim; absent when the report gives no source.'),
    dateCreated: z.string().describe('When the claim was made (claimed_on): ISO 8601 of year, month or day precision.'),
    about: z.array(z.object({ '@type': z.literal('Thing'), '@id': z.string(), name: z.string() })),
    appearance: newsArticleSchema.describe('The report the claim appears in, with the quoted words.'),
    firstAppearance: newsArticleSchema.optional().describe('The earliest report known to carry the claim, when that is known.'),
  })
  .meta({ id: 'ClaimJsonLd' });

export type ClaimJsonLd = z.infer<typeof claimJsonLdSchema>;

export type AppearingIn = Pick<Article, 'id' | 'title' | 'publisher' | 'authors' | 'url' | 'published_at' | 'language'>;

export interface JsonLdOptions {
  /** Scheme and host to make IRIs absolute ("https://api.example.org"); relative to the document when absent. */
  baseUrl?: string;
  /** The earliest report carrying the claim (say, the target of its `repeats` relations), when known. */
  firstAppearance?: AppearingIn;
}

function newsArticle(article: AppearingIn, base: string, quote?: string): z.infer<typeof newsArticleSchema> {
  return {
    '@type': 'NewsArticle',
    '@id': `${base}/v1/articles/${article.id}`,
    headline: article.title,
    publisher: { '@type': 'Organization', name: article.publisher },
    author: article.authors.map((name) => ({ '@type': 'Person' as const, name })),
    ...(article.url ? { url: article.url } : {}),
    ...(article.published_at ? { datePublished: article.published_at } : {}),
    inLanguage: article.language,
    ...(quote !== undefined ? { hasPart: { '@type': 'Quotation' as const, text: quote } } : {}),
  };
}

/** `article` is the claim's own article (claim.article_id). */
export function claimToSchemaOrg(claim: Claim, article: AppearingIn, options: JsonLdOptions = {}): ClaimJsonLd {
  const base = options.baseUrl?.replace(/\/+$/, '') ?? '';
  return {
    '@context': 'https://schema.org',
    '@type': 'Claim',
    '@id': `${base}/v1/claims/${claim.id}`,
    text: claim.text,
    ...(claim.claimant ? {
      author: {
        '@type': AUTHOR_TYPE_BY_KIND[claim.claimant.kind] ?? 'Organization',
        '@id': `${base}/v1/entities/${claim.claimant.id}`,
        name: claim.claimant.name,
      },
    } : {}),
    dateCreated: claim.claimed_on,
    // An entity can play two roles in one claim; schema.org's `about` only says it is a subject.
    about: [...new Map(claim.entities.map((e) => [e.id, e.name])).entries()]
      .map(([id, name]) => ({ '@type': 'Thing' as const, '@id': `${base}/v1/entities/${id}`, name })),
    appearance: newsArticle(article, base, claim.quote.exact),
    ...(options.firstAppearance ? { firstAppearance: newsArticle(options.firstAppearance, base) } : {}),
  };
}
