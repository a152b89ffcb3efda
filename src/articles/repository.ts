import type { Db } from '../db/client.js';
import { countedOver, withExtras } from '../db/facets.js';
import { matchingSet } from '../db/full-text.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { dayRange } from '../http/params.js';
import type { Article, ArticleDetail, ArticleListQuery } from './schema.js';

interface ArticleRow {
  id: string; title: string; publisher: string; authors: string; url: string | null; language: string;
  published_at: string | null; published_precision: string | null; published_inferred: number;
  published_basis: string | null; updated_at: string | null; updated_precision: string | null; body: string; version: number;
}

const COLUMNS = `a.id, a.title, a.publisher, a.authors, a.url, a.language, a.published_at, a.published_precision,
  a.published_inferred, a.published_basis, a.updated_at, a.updated_precision, a.body, a.version`;
// An article with no known date sorts first (coalesced to ''), so paging still sees it.
export const ARTICLE_SORTS = {
  published: ["coalesce(a.published_from, '')", 'a.id'], '-published': ["coalesce(a.published_from, '')", 'a.id'], id: ['a.id'],
} as const;

const toArticle = (r: ArticleRow): Article => ({
  ...r,
  authors: JSON.parse(r.authors) as string[],
  published_precision: r.published_precision as Article['published_precision'],
  updated_precision: r.updated_precision as Article['updated_precision'],
  published_inferred: r.published_inferred === 1,
});

export type ArticleRepository = ReturnType<typeof createArticleRepository>;

export function createArticleRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS}, a.raw_text, a.boilerplate FROM articles a WHERE a.id = ?`);
  return {
    list(query: ArticleListQuery) {
      const set = matchingSet(db, 'articles_fts', 'articles', 'a', query.q, (where) => where
        .in('a.publisher', query.publisher)
        .in('a.id IN (SELECT article_id FROM mentions WHERE entity_id IN ())', query.entity)
        .overlaps('a.published_from', 'a.published_to', dayRange(query.from, query.to)));
      const sort = query.sort ?? 'published';
      const page = runKeyset<ArticleRow, Article>(db, {
        ...set, select: COLUMNS, sort, columns: [...ARTICLE_SORTS[sort]], descending: sort === '-published',
        map: (rows) => rows.map(toArticle),
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
      return withExtras(page, query, countedOver(db, set, {}));
    },
    get(id: string): ArticleDetail | undefined {
      const row = byId.get(id) as (ArticleRow & { raw_text: string; boilerplate: string }) | undefined;
      return row && { ...toArticle(row), raw_text: row.raw_text, boilerplate: JSON.parse(row.boilerplate) as string[] };
    },
  };
}
