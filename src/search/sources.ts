// The three full-text indexes search reads, and what a hit shows. Titles and snippets are read only
// for the rows of the page being served: snippet() re-reads and re-tokenizes a row's text, which for
// every match of a common word (before sorting) cost more than the ranking itself.
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import type { SearchHit, SearchType } from './schema.js';

export const SOURCES: Record<SearchType, { fts: string; table: string; title: string }> = {
  article: { fts: 'articles_fts', table: 'articles', title: 't.title' },
  claim: { fts: 'claims_fts', table: 'claims', title: 't.text' },
  entity: { fts: 'entities_fts', table: 'entities', title: 't.name' },
};

/** A hit as ranked: its index, its rowid there, and its bm25 score (null when ranked by recency). */
export interface RankedHit { type: SearchType; hit: number; score: number | null }

// Private-use characters mark matches inside snippet(); they cannot occur in the stored text.
const OPEN = '\ue000';
const CLOSE = '\ue001';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const markMatches = (snippet: string) =>
  escapeHtml(snippet).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');

// One pass down the matches from the page's highest rowid, stopped by LIMIT once every page row is
// found: by recency the page's rows are the first ones met; by relevance there are at most
// RANKING_LIMIT matches to pass. (Asking FTS5 for one rowid at a time re-reads a phrase's doclists
// per row, and a rowid range with both bounds is not stopped early: both were slower.)
const detailsSql = (type: SearchType) => {
  const { fts, table, title } = SOURCES[type];
  return `SELECT f.rowid AS hit, t.id, ${title} AS title,
      snippet(${fts}, -1, char(57344), char(57345), '…', 16) AS snippet
    FROM ${fts} f CROSS JOIN ${table} t ON t.rowid = f.rowid
    WHERE ${fts} MATCH ? AND f.rowid <= ? AND +f.rowid IN (SELECT value FROM json_each(?))
    ORDER BY f.rowid DESC LIMIT ?`;
};

type Details = { hit: number; id: string; title: string; snippet: string };

/** The page's hits in their ranked order, with ids, titles and highlighted snippets. */
export function describeHits(db: Db, match: string, ranked: RankedHit[]): SearchHit[] {
  const found = new Map<string, Details>();
  for (const type of new Set(ranked.map((r) => r.type))) {
    const rowids = ranked.filter((r) => r.type === type).map((r) => r.hit);
    const rows = cached(db, detailsSql(type)).all(match, Math.max(...rowids), JSON.stringify(rowids), rowids.length);
    for (const row of rows as Details[]) {
      found.set(`${type}:${row.hit}`, row);
    }
  }
  // A hit deleted between ranking and reading (another connection's write) is left out, not failed on.
  return ranked.flatMap(({ type, hit, score }) => {
    const row = found.get(`${type}:${hit}`);
    return row ? [{ type, id: row.id, title: row.title, snippet: markMatches(row.snippet), score }] : [];
  });
}
