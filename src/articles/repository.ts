import type { Db } from '../db/client.js';
import { idPager } from '../db/keyset.js';
import type { Article, ArticleDetail } from './schema.js';

interface ArticleRow {
  id: string; title: string; publisher: string; authors: string; url: string | null; language: string;
  published_at: string | null; published_precision: string | null; published_inferred: number;
  published_basis: string | null; updated_at: string | null; updated_precision: string | null; body: string;
}

const COLUMNS = `id, title, publisher, authors, url, language, published_at, published_precision,
  published_inferred, published_basis, updated_at, updated_precision, body`;

const toArticle = (r: ArticleRow): Article => ({
  ...r,
  authors: JSON.parse(r.authors) as string[],
  published_precision: r.published_precision as Article['published_precision'],
  updated_precision: r.updated_precision as Article['updated_precision'],
  published_inferred: r.published_inferred === 1,
});

export type ArticleRepository = ReturnType<typeof createArticleRepository>;

export function createArticleRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS}, raw_text FROM articles WHERE id = ?`);
  return {
    list: idPager<ArticleRow, Article>(db, `SELECT ${COLUMNS} FROM articles`, (rows) => rows.map(toArticle)),
    get(id: string): ArticleDetail | undefined {
      const row = byId.get(id) as (ArticleRow & { raw_text: string }) | undefined;
      return row && { ...toArticle(row), raw_text: row.raw_text };
    },
  };
}
