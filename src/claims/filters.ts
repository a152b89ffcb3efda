// /v1/claims filters -> SQL. The driving table follows the filter: q's matches when they are ranked, or
// few enough to sort (db/full-text.ts); else one entity walks entity_claims (entity, date, claim) in date
// order, so even the most frequent entity never sorts all its claims; otherwise claims are walked in date
// order by the index that leads with the filtered column.
import { Conditions, type Arm } from '../db/conditions.js';
import { fromMatches, probeMatches, type MatchDensity } from '../db/full-text.js';
import { dayRange } from '../http/params.js';
import type { ClaimFacet, ClaimListQuery } from './schema.js';

export interface ClaimSql { from: string; where: string[]; params: unknown[]; arms?: Arm[]; columns: string[]; descending: boolean; sort: string }

export type ClaimSort = NonNullable<ClaimListQuery['sort']>;

/** How to run a list: the sort applied (see sorting.ts), and, in a date order, how many rows q matches. */
export interface ClaimPlan { sort: ClaimSort; matches?: MatchDensity }

// The FROM of a list no filter narrows: only claims, walked by date.
const EVERY_CLAIM = 'claims c';

export function claimSql(q: ClaimListQuery, { sort, matches }: ClaimPlan): ClaimSql {
  const where = new Conditions();
  let from = EVERY_CLAIM;
  let columns = ['c.claimed_from', 'c.id'];
  // Ranked, or few enough to sort (full-text.ts), q's matches drive and every other filter is checked on them.
  const drivenByMatches = q.q !== undefined && (sort === 'relevance' || matches === 'few');
  if (drivenByMatches) {
    from = fromMatches('claims_fts', 'claims', 'c', sort === 'relevance' ? 'rowid AS hit, bm25(claims_fts) AS rank' : undefined);
    where.params.push(q.q);
    if (sort === 'relevance') columns = ['h.rank', 'c.id'];
  } else if (q.entity?.length === 1) {
    from = 'entity_claims x JOIN claims c ON c.id = x.claim_id';
    where.add('x.entity_id = ?', q.entity[0]);
    columns = ['x.claimed_from', 'x.claim_id'];
  }
  if (q.entity && (q.entity.length > 1 || drivenByMatches)) {
    where.in('c.id IN (SELECT claim_id FROM entity_claims WHERE entity_id IN ())', q.entity);
  }
  // Otherwise the date index is walked and each claim checked against q, instead of sorting every match.
  // Some matches are collected once (unary + keeps the walk); when they are many, the walk meets one soon,
  // so FTS5 is asked per claim instead of collecting a million rowids (120 ms for a common word).
  if (q.q && !drivenByMatches) {
    where.add(probeMatches('claims_fts', 'c', matches === 'dense' ? 'dense' : 'some'), q.q);
  }
  where.in('c.article_id', q.article).in('c.claimant_id', q.claimant).in('c.stance', q.stance)
    .in('c.certainty', q.certainty).in('c.topic_id', q.topic)
    .in('c.id IN (SELECT claim_id FROM claim_events WHERE event_id IN ())', q.event);
  const days = dayRange(q.from, q.to);
  // When the matches drive, no index is walked in date order: one condition serves. Otherwise the arms
  // are on the first-day column of the index being walked, so each is a seek or a range on it.
  let arms: Arm[] | undefined;
  if (drivenByMatches) where.overlaps('c.claimed_from', 'c.claimed_to', days);
  else arms = where.claimDays(columns[0], 'c.claimed_to', days);
  if (q.has_quantity !== undefined) {
    where.add(`${q.has_quantity ? '' : 'NOT '}EXISTS (SELECT 1 FROM claim_quantities n WHERE n.claim_id = c.id)`);
  }
  return { from, where: where.where, params: where.params, arms, columns, descending: sort === '-claimed_on', sort };
}

/** Whether the SQL selects every claim: no condition, no date arm, no other driving table. */
export const coversEveryClaim = (sql: ClaimSql) => sql.from === EVERY_CLAIM && sql.where.length === 0 && !sql.arms;

/** Whether dates (from, to) are a list's only filter: without them it would select every claim. */
export const filtersDatesOnly = (q: ClaimListQuery, plan: ClaimPlan) =>
  (q.from !== undefined || q.to !== undefined) && coversEveryClaim(claimSql({ ...q, from: undefined, to: undefined }, plan));

// Each facet's column of claims c, and its label: an SQL expression of a value (a column, or a stored key).
const CLAIM_FACETS: Record<ClaimFacet, readonly [column: string, label: (value: string) => string]> = {
  claimant: ['c.claimant_id', (value) => `(SELECT name FROM entities WHERE id = ${value})`],
  stance: ['c.stance', () => 'NULL'],
  certainty: ['c.certainty', () => 'NULL'],
  topic: ['c.topic_id', (value) => `(SELECT question FROM topics WHERE id = ${value})`],
  article: ['c.article_id', (value) => `(SELECT title FROM articles WHERE id = ${value})`],
};

/** A facet's label for `value`, as every facet count labels it. */
export const facetLabel = (facet: ClaimFacet, value: string) => CLAIM_FACETS[facet][1](value);

/** [value expression, label expression] of each facet over claims c, as countedOver takes them. */
export const CLAIM_FACET_COLUMNS = Object.fromEntries(Object.entries(CLAIM_FACETS)
  .map(([facet, [column, label]]) => [facet, [column, label(column)] as const])) as Record<ClaimFacet, readonly [string, string]>;
