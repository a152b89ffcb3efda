// Ranking by recency: for a search with too many matches to score (see db/full-text.ts). Hits come
// grouped by type, each group newest added first (highest rowid), which FTS5 serves straight from its
// index (ORDER BY rowid DESC with a LIMIT reads only the page). The cursor holds [group, rowid].
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import { decodeCursor, invalidCursor, toPage, type Page, type SortKey } from '../http/common.js';
import type { SearchType } from './schema.js';
import { SOURCES, type RankedHit } from './sources.js';

/** Entities first: few, and the most specific hit a word can have; then claims, the archive's core. */
const RECENCY_GROUPS: readonly SearchType[] = ['entity', 'claim', 'article'];

const pageSql = (type: SearchType, after: boolean) => {
  const { fts } = SOURCES[type];
  return `SELECT rowid AS hit FROM ${fts} WHERE ${fts} MATCH ?${after ? ' AND rowid < ?' : ''} ORDER BY rowid DESC LIMIT ?`;
};

function startAfter(cursor: string | undefined, sort: string, groups: number): [number, number] | undefined {
  if (cursor === undefined) return undefined;
  const [group, rowid] = decodeCursor(cursor, sort, 2);
  if (!Number.isInteger(group) || !Number.isInteger(rowid) || (group as number) < 0 || (group as number) >= groups) throw invalidCursor();
  return [group as number, rowid as number];
}

export function recentHits<T>(
  db: Db, types: readonly SearchType[], matchIn: (type: SearchType) => string, sort: string,
  { limit, cursor }: { limit: number; cursor?: string }, describe: (hits: RankedHit[]) => T[],
): Page<T> {
  const groups = RECENCY_GROUPS.filter((type) => types.includes(type));
  const after = startAfter(cursor, sort, groups.length);
  const rows: { ranked: RankedHit; key: SortKey }[] = [];
  // One more row than the page, as every list fetches, to know whether a next page exists.
  for (let g = after?.[0] ?? 0; g < groups.length && rows.length <= limit; g++) {
    const type = groups[g];
    const resume = after && g === after[0];
    const match = matchIn(type);
    const params = resume ? [match, after[1], limit + 1 - rows.length] : [match, limit + 1 - rows.length];
    for (const { hit } of cached(db, pageSql(type, Boolean(resume))).all(...params) as { hit: number }[]) {
      rows.push({ ranked: { type, hit, score: null }, key: [g, hit] });
    }
  }
  return toPage(rows, limit, sort, (r) => r.key, (page) => describe(page.map((r) => r.ranked)));
}
