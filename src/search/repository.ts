// One search over the three full-text indexes. Up to RANKING_LIMIT matches, hits are ranked by
// bm25, whose scores are merged as they are (each index weighs its own terms, which is good enough to
// interleave; ties go by type, then rowid). Above it, scoring every match would take up to a second
// at a million claims, so hits come by recency instead (recency.ts) and the response says so.
import type { Db } from '../db/client.js';
import { expandPrefixes, rankingGivesWay } from '../db/full-text.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { recentHits } from './recency.js';
import { SEARCH_TYPES, type SearchQuery, type SearchResult, type SearchType } from './schema.js';
import { describeHits, SOURCES, type RankedHit } from './sources.js';

// Narrow on purpose: the ranking reads rowids and scores only; titles and snippets come for the page.
const ranked = (type: SearchType) => {
  const { fts } = SOURCES[type];
  return `SELECT '${type}' AS type, rowid AS hit, bm25(${fts}) AS score FROM ${fts} WHERE ${fts} MATCH ?`;
};

export type SearchRepository = ReturnType<typeof createSearchRepository>;

export function createSearchRepository(db: Db) {
  return {
    search(query: SearchQuery): SearchResult {
      const types = [...new Set(query.type ?? SEARCH_TYPES)];
      const sorts = { relevance: `search:relevance:${types.join(',')}`, recency: `search:recency:${types.join(',')}` };
      const page = { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor };
      const describe = (hits: RankedHit[]) => describeHits(db, query.q, hits);
      // Counting and recency read which rows match, not how well: a prefix no prefix index serves is looked up
      // as the words it starts in each index (expandPrefixes). bm25 and snippets take the words as typed.
      const words = new Map(types.map((type) => [type, expandPrefixes(db, SOURCES[type].fts, query.q)]));
      const matchIn = (type: SearchType) => words.get(type)!;
      const byRecency = rankingGivesWay(db, types.map((type) => [SOURCES[type].fts, matchIn(type)] as const), query.cursor, sorts.recency);
      if (byRecency) return { ...recentHits(db, types, matchIn, sorts.recency, page, describe), ranked_by: 'recency' };
      return {
        ...runKeyset<RankedHit, ReturnType<typeof describe>[number]>(db, {
          select: 'hits.type, hits.hit, hits.score',
          from: `(${types.map(ranked).join(' UNION ALL ')}) hits`,
          params: types.map(() => query.q),
          sort: sorts.relevance,
          columns: ['hits.score', 'hits.type', 'hits.hit'],
          map: describe,
        }, page),
        ranked_by: 'relevance',
      };
    },
  };
}
