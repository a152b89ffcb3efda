// What a full-text query costs depends on how many rows it matches: bm25 must score every match
// (FTS5 has no top-k), so a word in nearly every claim costs a second to rank. Counting matches only
// up to a cap is cheap whatever the words, since FTS5 reads each doclist in rowid order and the LIMIT
// stops it: "more than 2,000" costs what reading 2,000 rowids costs (a tenth of a millisecond).
import { cursorSort } from '../http/common.js';
import type { Db } from './client.js';
import { cached } from './keyset.js';

/** Above this many matches a search is ranked by recency, not relevance (README: "Search"). */
export const RANKING_LIMIT = 2_000;

/** Rows of `table` (an FTS5 table) that `match` matches, counted up to `cap`: min(matches, cap). */
function countMatchesUpTo(db: Db, table: string, match: string, cap: number): number {
  if (cap <= 0) return 0;
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ? LIMIT ?)`;
  return (cached(db, sql).get(match, cap) as { n: number }).n;
}

/** Whether `match` matches more than `limit` rows over these FTS5 tables together. */
export function matchesMoreThan(db: Db, tables: readonly string[], match: string, limit: number): boolean {
  let left = limit + 1;
  for (const table of tables) left -= countMatchesUpTo(db, table, match, left);
  return left <= 0;
}

/**
 * Whether a relevance ranking of `match` gives way to `fallbackSort`: above RANKING_LIMIT matches over
 * `tables`, or, on a next page, when its cursor was made under the fallback (so paging never switches
 * orders halfway, even if writes since have moved the count across the limit).
 */
export function rankingGivesWay(db: Db, tables: readonly string[], match: string, cursor: string | undefined, fallbackSort: string): boolean {
  if (cursor !== undefined) return cursorSort(cursor) === fallbackSort;
  return matchesMoreThan(db, tables, match, RANKING_LIMIT);
}

/** Above this many matches, walking a sort index and probing FTS5 per row beats collecting every match first. */
export const PROBE_ABOVE = 50_000;

/**
 * About how many rows of `table` match: the newest 1,000 matches tell the density, taken as uniform
 * over the table's rowids. Enough to choose a plan; never shown to anyone. Costs one bounded read.
 */
export function estimateMatches(db: Db, fts: string, table: string, match: string): number {
  const sample = 1_000;
  const { n, low } = cached(db, `SELECT count(*) AS n, min(rowid) AS low FROM
    (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid DESC LIMIT ${sample})`).get(match) as { n: number; low: number };
  if (n < sample) return n;
  const { high } = cached(db, `SELECT max(rowid) AS high FROM ${table}`).get() as { high: number };
  return Math.round((n / (high - low + 1)) * high);
}
