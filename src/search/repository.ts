// One ranked search over the three full-text indexes. bm25 scores are merged as they are: each
// index weighs its own terms, which is good enough to interleave; ties go by type, then id.
import type { Db } from '../db/client.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { SEARCH_TYPES, type SearchHit, type SearchQuery } from './schema.js';

// Private-use characters mark matches inside snippet(); they cannot occur in the stored text.
const OPEN = '\ue000';
const CLOSE = '\ue001';
const SNIPPET = (table: string) => `snippet(${table}, -1, char(57344), char(57345), '…', 16)`;

const SOURCES = {
  article: `SELECT 'article' AS type, t.id, t.title AS title, ${SNIPPET('articles_fts')} AS snippet, bm25(articles_fts) AS score
    FROM articles_fts JOIN articles t ON t.rowid = articles_fts.rowid WHERE articles_fts MATCH ?`,
  claim: `SELECT 'claim' AS type, t.id, t.text AS title, ${SNIPPET('claims_fts')} AS snippet, bm25(claims_fts) AS score
    FROM claims_fts JOIN claims t ON t.rowid = claims_fts.rowid WHERE claims_fts MATCH ?`,
  entity: `SELECT 'entity' AS type, t.id, t.name AS title, ${SNIPPET('entities_fts')} AS snippet, bm25(entities_fts) AS score
    FROM entities_fts JOIN entities t ON t.rowid = entities_fts.rowid WHERE entities_fts MATCH ?`,
} as const;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const markMatches = (snippet: string) =>
  escapeHtml(snippet).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');

export type SearchRepository = ReturnType<typeof createSearchRepository>;

export function createSearchRepository(db: Db) {
  return {
    search(query: SearchQuery) {
      const types = query.type ?? SEARCH_TYPES;
      return runKeyset<SearchHit, SearchHit>(db, {
        select: 'hits.type, hits.id, hits.title, hits.snippet, hits.score',
        from: `(${types.map((type) => SOURCES[type]).join(' UNION ALL ')}) hits`,
        params: types.map(() => query.q),
        sort: `search:${types.join(',')}`,
        columns: ['hits.score', 'hits.type', 'hits.id'],
        map: (rows) => rows.map((hit) => ({ ...hit, snippet: markMatches(hit.snippet) })),
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
    },
  };
}
