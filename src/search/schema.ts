import { z } from 'zod';
import { RANKING_LIMIT } from '../db/full-text.js';
import { nextCursorSchema, pageQuery } from '../http/common.js';
import { searchTextSchema } from '../http/full-text.js';
import { enumsParam } from '../http/params.js';

export const SEARCH_TYPES = ['article', 'claim', 'entity'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
const SEARCH_RANKINGS = ['relevance', 'recency'] as const;

export const searchQuery = z.strictObject({
  ...pageQuery,
  q: searchTextSchema.meta({ example: 'fake news' }),
  type: enumsParam(SEARCH_TYPES, 'Only hits of these types. Example: `claim,entity`.'),
});

export type SearchQuery = z.infer<typeof searchQuery>;

export const searchHitSchema = z
  .object({
    type: z.enum(SEARCH_TYPES),
    id: z.string().describe('Id of the article, claim or entity (GET /v1/<type>s/{id}).'),
    title: z.string().describe('Article title, claim text or entity name.'),
    snippet: z.string().describe('Matching text, HTML-escaped, with each match wrapped in <mark>...</mark>.'),
    score: z.number().nullable()
      .describe('bm25 relevance: lower is better. Comparable within one search only. null when ranked_by is recency.'),
  })
  .meta({
    id: 'SearchHit',
    example: {
      type: 'claim', id: 'csm1018-peskov-another-piece-of-fake-news',
      title: 'Kremlin spokesman Dmitry Peskov called the claims of North Korean troops in the war "another piece of fake news."',
      snippet: '…describing the claims as “another piece of <mark>fake</mark> <mark>news</mark>”', score: -9.8,
    },
  });

export const searchResultSchema = z
  .object({
    data: z.array(searchHitSchema),
    next_cursor: nextCursorSchema,
    ranked_by: z.enum(SEARCH_RANKINGS).describe(
      `relevance: best match first (bm25), types interleaved. recency: the words match more than ${RANKING_LIMIT.toLocaleString('en')} hits, too ` +
      'many to score quickly, so hits come grouped by type (entities, claims, articles), each newest added first, ' +
      'with a null score; more words or a "quoted phrase" narrow the search. Every page of one search keeps the ' +
      "first page's ranking.",
    ),
  })
  .meta({ id: 'SearchResult' });

export type SearchHit = z.infer<typeof searchHitSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
