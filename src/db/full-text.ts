// What a full-text query costs depends on how many rows it matches: bm25 must score every match
// (FTS5 has no top-k), so a word in nearly every claim costs a second to rank. Counting matches only
// up to a cap is cheap whatever the words, since FTS5 reads each doclist in rowid order and the LIMIT
// stops it: "more than 2,000" costs what reading 2,000 rowids costs (a tenth of a millisecond).
import { cursorSort } from '../http/common.js';
import type { Db } from './client.js';
import { Conditions } from './conditions.js';
import type { FilteredSet } from './facets.js';
import { cached } from './keyset.js';

/** Above this many matches a search is ranked by recency, not relevance (README: "Search"). */
export const RANKING_LIMIT = 2_000;

/** Rows of `table` (an FTS5 table) that `match` matches, counted up to `cap`: min(matches, cap). */
function countMatchesUpTo(db: Db, table: string, match: string, cap: number): number {
  if (cap <= 0) return 0;
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ? LIMIT ?)`;
  return (cached(db, sql).get(match, cap) as { n: number }).n;
}

/** An FTS5 table and what to match in it. */
export type FullTextLookup = readonly [fts: string, match: string];

/** Whether the lookups match more than `limit` rows together. */
function matchesMoreThan(db: Db, lookups: readonly FullTextLookup[], limit: number): boolean {
  let left = limit + 1;
  for (const [fts, match] of lookups) left -= countMatchesUpTo(db, fts, match, left);
  return left <= 0;
}

/**
 * Whether a relevance ranking gives way to `fallbackSort`: above RANKING_LIMIT matches over the lookups,
 * or, on a next page, when its cursor was made under the fallback (so paging never switches orders
 * halfway, even if writes since have moved the count across the limit).
 */
export function rankingGivesWay(db: Db, lookups: readonly FullTextLookup[], cursor: string | undefined, fallbackSort: string): boolean {
  if (cursor !== undefined) return cursorSort(cursor) === fallbackSort;
  return matchesMoreThan(db, lookups, RANKING_LIMIT);
}

/**
 * Above this many matches, the claims list walks its date index probing FTS5 per row instead of
 * collecting every match first: for a whole word spread over the dates. Not for a prefix the index keeps
 * no prefix index of (checksRowsCheaply).
 */
export const PROBE_ABOVE = 50_000;

/**
 * Up to this many matches, a list in its own order (dates, names) is driven by the matches and sorts
 * only them. Walking the sort index instead, as more matches want, reads index entries until a page of
 * matches turns up, which for a word in five claims of a million is most of the index (52 ms), and grows
 * with the table. Near the limit, at a million claims, sorting still wins (README: "Search").
 */
export const COLLECT_UP_TO = 1_000;

/** Whether `match` matches at most COLLECT_UP_TO rows of `fts` (counted no further). */
const fewMatches = (db: Db, fts: string, match: string) => !matchesMoreThan(db, [[fts, match]], COLLECT_UP_TO);

/** The prefix lengths every full-text table indexes (prefix='2 3', migrations/0002). */
const INDEXED_PREFIXES = [2, 3];

/**
 * Whether FTS5 can tell cheaply if one row matches: a prefix of another length has no index of its own,
 * so each such check first merges the lists of every word the prefix starts (54 ms for "repo"* in a
 * million claims, where "reported" is in nearly all). Lengths are in characters, as FTS5 counts them.
 */
export const checksRowsCheaply = (match: string) => termsOf(match).every((term) => mergedPrefix(term) === undefined);

// A term of a MATCH as toFtsQuery writes them: a quoted phrase or word, perhaps a prefix.
const termsOf = (match: string) => match.match(/"(?:[^"]|"")*"\*?/g) ?? [];

/** The word of a prefix term that no prefix index serves, as typed; undefined for any other term. */
function mergedPrefix(term: string): string | undefined {
  const word = /^"((?:[^"]|"")*)"\*$/.exec(term)?.[1].replaceAll('""', '"');
  return word === undefined || INDEXED_PREFIXES.includes([...word].length) ? undefined : word;
}

/** More terms than this for one prefix, and it is searched as a prefix (expandPrefixes). */
const EXPAND_UP_TO = 64;

/** The first word of the index at or after `from`, if it starts with `prefix`. */
type NextWord = (from: string, prefix: string) => string | undefined;

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The words starting with `prefix`, each found after the previous one followed by the lowest character. */
function wordsStarting(next: NextWord, prefix: string): string[] {
  const words: string[] = [];
  for (let word = next(prefix, prefix); word !== undefined && words.length <= EXPAND_UP_TO; word = next(`${word}\u0001`, prefix)) {
    words.push(quoted(word));
  }
  return words;
}

/**
 * A one-letter prefix as the two-letter prefixes it starts (which the 2-letter prefix index serves),
 * and the one-letter word itself: after each, the walk skips past every word starting with the same two.
 */
function twoLetterPrefixes(next: NextWord, letter: string): string[] {
  const terms: string[] = [];
  for (let word = next(letter, letter); word !== undefined && terms.length <= EXPAND_UP_TO;) {
    if (word === letter) {
      terms.push(quoted(word));
      word = next(`${word}\u0001`, letter);
      continue;
    }
    const [, second] = [...word];
    terms.push(`${quoted(letter + second)}*`);
    // The lowest text after every word starting with these two letters (UTF-8 sorts by code point).
    let after = second.codePointAt(0)! + 1;
    if (after >= 0xd800 && after <= 0xdfff) after = 0xe000;
    if (after > 0x10ffff) break;
    word = next(letter + String.fromCodePoint(after), letter);
  }
  return terms;
}

/**
 * `match` (as toFtsQuery writes it) with each prefix that no prefix index serves replaced, as one OR,
 * by the words of `fts` it starts (up to EXPAND_UP_TO), or for one letter by the two-letter prefixes it
 * starts: the same rows, found by a seek per term where the prefix merged the lists of every word it
 * starts first, per lookup (checksRowsCheaply). "repo"* in a million claims: 2.3 s by date before,
 * 4 ms after; "r"*: 3.9 s before, 5 ms after. The words come from the index's term list
 * (the `<table>_terms` tables, migrations/0011), one seek each. Only ASCII prefixes: what the tokenizer
 * folds one to is its lower case. Not for bm25: it scores an OR of terms unlike their prefix.
 */
export function expandPrefixes(db: Db, fts: string, match: string): string {
  const firstFrom = cached(db, `SELECT term FROM ${fts.replace(/_fts$/, '_terms')} WHERE term >= ? LIMIT 1`);
  const next: NextWord = (from, prefix) => {
    const word = (firstFrom.get(from) as { term: string } | undefined)?.term;
    return word?.startsWith(prefix) ? word : undefined;
  };
  let expanded = false;
  const terms = termsOf(match).map((term) => {
    const prefix = mergedPrefix(term)?.toLowerCase();
    if (!prefix || !/^[a-z0-9]+$/.test(prefix)) return term;
    const lookups = prefix.length === 1 ? twoLetterPrefixes(next, prefix) : wordsStarting(next, prefix);
    if (lookups.length === 0 || lookups.length > EXPAND_UP_TO) return term;
    expanded = true;
    return `(${lookups.join(' OR ')})`;
  });
  // FTS5 takes no implicit AND next to a parenthesised OR.
  return expanded ? terms.join(' AND ') : match;
}

/**
 * How a list sorted by its own columns finds q's rows: `few` are collected and sorted (fromMatches);
 * `some` are collected as a set the sort index walk probes; `dense` are probed per row by FTS5.
 */
export type MatchDensity = 'few' | 'some' | 'dense';

/**
 * One bounded read of the newest matches tells both whether they are few and, if not, about how many
 * there are. Per-row probes only when each is cheap: collecting "repo"*'s million matches once took
 * 0.17 s where probing them took 2.3 s.
 */
export function matchDensity(db: Db, fts: string, table: string, match: string): MatchDensity {
  const matches = estimateMatches(db, fts, table, match, COLLECT_UP_TO + 1);
  if (matches <= COLLECT_UP_TO) return 'few';
  return matches > PROBE_ABOVE && checksRowsCheaply(match) ? 'dense' : 'some';
}

/**
 * A FROM that q's matches drive (its one parameter is the match), each looked up in `table` by rowid;
 * `columns` may add a rank. CROSS JOIN fixes the order: left to itself the planner may walk an index of
 * `table` for another filter and run the full-text query once per row.
 */
export const fromMatches = (fts: string, table: string, alias: string, columns = 'rowid AS hit') =>
  `(SELECT ${columns} FROM ${fts} WHERE ${fts} MATCH ?) h CROSS JOIN ${table} ${alias} ON ${alias}.rowid = h.hit`;

/**
 * About how many rows of `table` match: the newest `sample` matches tell the density, taken as uniform
 * over the table's rowids; exact when there are fewer than `sample`. Enough to choose a plan; never
 * shown to anyone. Costs one bounded read.
 */
function estimateMatches(db: Db, fts: string, table: string, match: string, sample: number): number {
  const { n, low } = cached(db, `SELECT count(*) AS n, min(rowid) AS low FROM
    (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid DESC LIMIT ${sample})`).get(match) as { n: number; low: number };
  if (n < sample) return n;
  const { high } = cached(db, `SELECT max(rowid) AS high FROM ${table}`).get() as { high: number };
  return Math.round((n / (high - low + 1)) * high);
}

/**
 * The condition a walk of a list's sort index checks each row against: `some` matches collected once as
 * a set (unary + keeps the walk from using the rowid instead), or, when they are dense, FTS5 asked per
 * row, since the walk meets a match soon (claims only: see matchingSet).
 */
export const probeMatches = (fts: string, alias: string, density: 'some' | 'dense') => (density === 'dense'
  ? `EXISTS (SELECT 1 FROM ${fts} f WHERE f.${fts} MATCH ? AND f.rowid = ${alias}.rowid)`
  : `+${alias}.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`);

/**
 * A list in its own order (names, dates) over `table`, filtered by q and by what `filter` adds. With q,
 * few matches drive (fromMatches); more are collected as one set the sort index walk probes. Never
 * FTS5 per row here: it was measured slower for prefixes outside the 2- and 3-letter prefix indexes
 * (each probe reads the whole prefix: 1.4 s against 58 ms for "repo*" in 200,000 articles), for words
 * that appear only late in the sort order, and behind a selective join (an entity's mentions).
 */
export function matchingSet(db: Db, fts: string, table: string, alias: string, match: string | undefined,
  filter: (where: Conditions) => void): FilteredSet {
  const words = match === undefined ? undefined : expandPrefixes(db, fts, match);
  return rowsMatching(fts, table, alias, words, words !== undefined && fewMatches(db, fts, words) ? 'few' : 'some', filter);
}

/** matchingSet, told whether the matches are few. */
export function rowsMatching(
  fts: string, table: string, alias: string, match: string | undefined, density: 'few' | 'some',
  filter: (where: Conditions) => void,
): FilteredSet {
  const where = new Conditions();
  let from = `${table} ${alias}`;
  if (match !== undefined && density === 'few') {
    where.params.push(match);
    from = fromMatches(fts, table, alias);
  } else if (match !== undefined) {
    where.add(probeMatches(fts, alias, 'some'), match);
  }
  filter(where);
  return { from, where: where.where, params: where.params };
}
