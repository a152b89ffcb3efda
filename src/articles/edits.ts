// Articles as an editable resource (src/editing/service.ts runs these inside its transaction). The
// body is always cleaned from the raw text exactly as the seed loader cleans it, and every claim
// stays anchored on its quote in whatever body an edit leaves.
import type { Db } from '../db/client.js';
import { firstDay, lastDay } from '../annotations/dates.js';
import { recomputeMentions } from '../annotations/derived.js';
import { refreshEntityStats } from '../annotations/entity-stats.js';
import type { EditableStore } from '../editing/service.js';
import { AppError } from '../http/problem.js';
import { cleanBody } from './clean.js';
import { reanchorClaims } from './reanchor.js';
import type { ArticleCreate, ArticleDetail, ArticlePatch } from './schema.js';

/** What a delete keeps: the article as served, plus what the API does not show but restore needs. */
export interface ArticleSnapshot extends ArticleDetail {
  source_file: string | null;
  mention_hints: { entity: string; text: string }[];
}

type Columns = Omit<ArticleDetail, 'id' | 'version'>;

const CLEANING: (keyof ArticlePatch)[] = ['raw_text', 'title', 'publisher', 'authors', 'boilerplate'];

/** The columns a create or patch sets, from the annotation format's shape of them. */
function columnsOf(input: ArticlePatch): Partial<Columns> {
  const { published, updated, ...columns } = input;
  if (published !== undefined) {
    Object.assign(columns, {
      published_at: published?.at ?? null, published_precision: published?.precision ?? null,
      published_inferred: published?.inferred ?? false, published_basis: published?.basis ?? null,
    });
  }
  if (updated !== undefined) Object.assign(columns, { updated_at: updated?.at ?? null, updated_precision: updated?.precision ?? null });
  return columns as Partial<Columns>;
}

// The stored columns in one order, for INSERT and UPDATE alike; published_from/to as the loader fills them.
const COLUMNS = ['title', 'publisher', 'authors', 'url', 'language', 'published_at', 'published_precision', 'published_inferred',
  'published_basis', 'published_from', 'published_to', 'updated_at', 'updated_precision', 'raw_text', 'body', 'boilerplate'];

function values(c: Columns): unknown[] {
  const day = c.published_at?.slice(0, 10);
  return [c.title, c.publisher, JSON.stringify(c.authors), c.url, c.language, c.published_at, c.published_precision,
    c.published_inferred ? 1 : 0, c.published_basis, day ? firstDay(day) : null, day ? lastDay(day) : null,
    c.updated_at, c.updated_precision, c.raw_text, c.body, JSON.stringify(c.boilerplate)];
}

export function articleStore(db: Db, get: (id: string) => ArticleDetail | undefined):
  EditableStore<ArticleDetail, ArticleCreate, ArticlePatch, ArticleSnapshot> {
  const insertRow = (id: string, c: Columns, sourceFile: string | null) => {
    checkUrl(db, id, c.url);
    db.prepare(`INSERT INTO articles (id, source_file, ${COLUMNS.join(', ')}) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})`)
      .run(id, sourceFile, ...values(c));
  };
  return {
    resource: 'articles', noun: 'article', get,
    insert(id, { id: _, ...fields }) {
      insertRow(id, withBody(columnsOf(fields) as Columns), null);
      recomputeMentions(db, [id]);
    },
    update(id, patch, current) {
      const merged: Columns = { ...current, ...columnsOf(patch) };
      const cleaning = CLEANING.find((field) => patch[field] !== undefined);
      const next = cleaning ? withBody(merged) : merged;
      checkUrl(db, id, next.url);
      if (cleaning && next.body !== current.body) reanchorClaims(db, id, next.body, cleaning);
      db.prepare(`UPDATE articles SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values(next), id);
      if (next.body !== current.body) recomputeMentions(db, [id]);
    },
    blockers(id) {
      const { n } = db.prepare('SELECT count(*) AS n FROM claims WHERE article_id = ?').get(id) as { n: number };
      return n > 0 ? `it has ${n} claim(s): retract or move its ${n} claims first` : undefined;
    },
    snapshot(article) {
      const { source_file } = db.prepare('SELECT source_file FROM articles WHERE id = ?').get(article.id) as { source_file: string | null };
      const mention_hints = db.prepare('SELECT entity_id AS entity, text FROM mention_hints WHERE article_id = ? ORDER BY text')
        .all(article.id) as ArticleSnapshot['mention_hints'];
      return { ...article, source_file, mention_hints };
    },
    remove(id) {
      const mentioned = (db.prepare('SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?').all(id) as { entity_id: string }[])
        .map((r) => r.entity_id);
      // Mentions and hints go with it (ON DELETE CASCADE); the counts of whoever it named must follow.
      db.prepare('DELETE FROM articles WHERE id = ?').run(id);
      refreshEntityStats(db, mentioned);
    },
    restore(snapshot) {
      const { id, version: _, source_file, mention_hints, ...columns } = snapshot;
      insertRow(id, columns, source_file);
      // A hint whose entity was deleted or merged since cannot come back; the article and its other hints can.
      const hint = db.prepare('INSERT INTO mention_hints (article_id, entity_id, text) SELECT ?, id, ? FROM entities WHERE id = ?');
      for (const h of mention_hints) hint.run(id, h.text, h.entity);
      recomputeMentions(db, [id]);
    },
    setVersion: (id, version) => db.prepare('UPDATE articles SET version = ? WHERE id = ?').run(version, id),
  };
}

function withBody(c: Columns): Columns {
  const body = cleanBody(c.raw_text, c);
  if (body === '') {
    throw new AppError('unprocessable', 'Nothing is left of the raw text once page furniture is removed.',
      [{ in: 'body', name: 'raw_text', message: 'has no article text after cleaning' }]);
  }
  return { ...c, body };
}

/** One article per URL: a second copy of a report would split its claims and mentions. */
function checkUrl(db: Db, id: string, url: string | null): void {
  if (url === null) return;
  const other = db.prepare('SELECT id, title FROM articles WHERE url = ? AND id <> ?').get(url, id) as { id: string; title: string } | undefined;
  if (other) {
    throw new AppError('conflict', `The article "${other.id}" ("${other.title}") already has this URL.`,
      [{ in: 'body', name: 'url', message: `is the URL of article "${other.id}"` }], { existing_id: other.id });
  }
}
