// Facets and the total of a claims list filtered by dates alone. Counting them per request grows with
// the claims in the dates: one month of a million claims (16,500 claims, 5,600 claimants) took 12 ms
// for the claimant facet. claim_facet_months (kept by the facet triggers, migrations/0012) holds the
// counts of each calendar month's claims, so the whole months the dates cover are read from it, and
// only the claims it cannot place are counted: those of the part-months at either end, and those whose
// days cross a month's end (a year claim), read from their own small index.
import { lastDay } from '../annotations/dates.js';
import type { Db } from '../db/client.js';
import { Conditions, type Arm } from '../db/conditions.js';
import { FACET_VALUES, type SetCounts } from '../db/facets.js';
import { cached, whereClause } from '../db/keyset.js';
import type { FacetCount } from '../http/params.js';
import { ACROSS_MONTHS, FACET_KEYS } from './facet-totals.js';
import { facetLabel } from './filters.js';
import type { ClaimFacet } from './schema.js';

/** `month` ("YYYY-MM") moved by `by` months; undefined outside years 0000-9999, where text order breaks. */
function shiftMonth(month: string, by: number): string | undefined {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  const year = Math.floor(index / 12);
  if (year < 0 || year > 9999) return undefined;
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

interface Months { first?: string; last?: string }

/** The whole calendar months within the days (either end may be open), or undefined if there is none. */
function wholeMonths(days: { from?: string; to?: string }): Months | undefined {
  const first = days.from && (days.from.endsWith('-01') ? days.from.slice(0, 7) : shiftMonth(days.from, 1));
  const last = days.to && (days.to === lastDay(days.to.slice(0, 7)) ? days.to.slice(0, 7) : shiftMonth(days.to, -1));
  if (first === undefined && days.from) return undefined;
  if (last === undefined && days.to) return undefined;
  if (first && last && first > last) return undefined;
  return { first, last };
}

/**
 * The claims within the days that the whole months' counts leave out, as disjoint arms over claims c:
 * those starting before the first whole month (the list's date arms up to the day before it: a seek for
 * the month and year claims begun before `from`, and a range), those starting after the last one, and
 * those across a month's end that start within them.
 */
function leftOut(days: { from?: string; to?: string }, months: Months): Arm[] {
  const arms: Arm[] = [];
  if (days.from && months.first) {
    const monthBefore = shiftMonth(months.first, -1);
    // From the first of a month, the range is empty, but claims begun earlier may still reach `from`.
    const before = { from: days.from, to: monthBefore ? lastDay(monthBefore) : '0000-00-00' };
    arms.push(...new Conditions().claimDays('c.claimed_from', 'c.claimed_to', before)!);
  }
  if (days.to && months.last && days.to.slice(0, 7) !== months.last) {
    arms.push({ where: ['c.claimed_from > ?', 'c.claimed_from <= ?'], params: [lastDay(months.last), days.to] });
  }
  const across = new Conditions().add(ACROSS_MONTHS);
  if (months.first) across.add('c.claimed_from >= ?', `${months.first}-01`);
  if (months.last) across.add('c.claimed_from <= ?', lastDay(months.last));
  return [...arms, { where: across.where, params: across.params }];
}

/**
 * The left-out claims' `key` (an expression over claims c): one SELECT per arm, so that each is planned
 * on its own index (an OR of them may not be).
 */
function leftOutKeys(key: string, arms: Arm[]) {
  const each = arms.map((arm) => `SELECT ${key} AS k FROM claims c ${whereClause(arm.where)}`);
  return { sql: each.join(' UNION ALL '), params: arms.flatMap((a) => a.params) };
}

/** The bounds of `months` for a BETWEEN on claim_facet_months.month, an open end as far as it goes. */
const monthBounds = (months: Months) => [months.first ?? '0000-00', months.last ?? '9999-99'];

/**
 * One facet. For one month, its FACET_VALUES most frequent values are read in order from
 * claim_facet_months_top, with the month's counts of the left-out claims' values (looked up one by one:
 * CROSS JOIN keeps the planner from reading the whole month to test each key): any other value ranks
 * below all of the first ones, as left-out claims only add to counts. Over several months, every
 * value's counts are added up.
 */
function facetOver(db: Db, facet: ClaimFacet, months: Months, arms: Arm[]): FacetCount[] {
  const rest = leftOutKeys(FACET_KEYS[facet], arms);
  const outer = (counted: string) => `WITH rest(k, n) AS (SELECT k, count(*) FROM (${rest.sql}) GROUP BY k)
    SELECT nullif(k, '') AS value, ${facetLabel(facet, 'k')} AS label,
    sum(n) AS count FROM (${counted} UNION ALL SELECT k, n FROM rest) GROUP BY k ORDER BY count DESC, value LIMIT ${FACET_VALUES}`;
  if (months.first && months.first === months.last) {
    const sql = outer(`SELECT * FROM (SELECT key AS k, count AS n FROM claim_facet_months WHERE field = ? AND month = ?
        ORDER BY count DESC, key LIMIT ${FACET_VALUES})
      UNION SELECT m.key, m.count FROM rest CROSS JOIN claim_facet_months m ON m.field = ? AND m.month = ? AND m.key = rest.k`);
    return cached(db, sql).all(...rest.params, facet, months.first, facet, months.first) as FacetCount[];
  }
  const sql = outer('SELECT key AS k, count AS n FROM claim_facet_months WHERE field = ? AND month BETWEEN ? AND ?');
  return cached(db, sql).all(...rest.params, facet, ...monthBounds(months)) as FacetCount[];
}

/**
 * The counts of the claims whose days overlap `days` (from and to as first and last days), or
 * undefined when the days hold no whole month and the counts are better counted.
 */
export function monthlyClaimCounts(db: Db, days: { from?: string; to?: string }): SetCounts<ClaimFacet> | undefined {
  const months = wholeMonths(days);
  if (!months) return undefined;
  const arms = leftOut(days, months);
  return {
    total: () => {
      // Every claim has exactly one stance: the months' stance counts add up to their claims.
      const rest = leftOutKeys("''", arms);
      const sql = `SELECT (SELECT coalesce(sum(count), 0) FROM claim_facet_months WHERE field = 'stance' AND month BETWEEN ? AND ?)
        + (SELECT count(*) FROM (${rest.sql})) AS n`;
      return (cached(db, sql).get(...monthBounds(months), ...rest.params) as { n: number }).n;
    },
    facets: (names) => Object.fromEntries(names.map((facet) => [facet, facetOver(db, facet, months, arms)])) as Record<ClaimFacet, FacetCount[]>,
  };
}
