// Facet counts and totals over a filtered set: computed only when a request asks for them.
import type { Db } from './client.js';
import { anyArm, type Arm } from './conditions.js';
import { cached, whereClause } from './keyset.js';
import type { FacetCount } from '../http/params.js';

export interface FilteredSet { from: string; where: string[]; params: unknown[]; arms?: Arm[] }

/** One WHERE for a set: counts need no order, so its arms become one OR. */
function conditionsOf(set: FilteredSet): { where: string; params: unknown[] } {
  if (!set.arms?.length) return { where: whereClause(set.where), params: set.params };
  const any = anyArm(set.arms);
  return { where: whereClause([...set.where, ...any.where]), params: [...set.params, ...any.params] };
}

/** A sidebar shows the most frequent values; an archive can have tens of thousands of claimants. */
export const FACET_VALUES = 50;

/** `columns[name]` is [value expression, label expression or 'NULL']; the FACET_VALUES most frequent values. */
export function facetCounts<F extends string>(
  db: Db, set: FilteredSet, facets: readonly F[], columns: Record<F, readonly [string, string]>,
): Record<F, FacetCount[]> {
  const { where, params } = conditionsOf(set);
  return Object.fromEntries(facets.map((facet) => {
    const [value, label] = columns[facet];
    const sql = `SELECT ${value} AS value, ${label} AS label, count(*) AS count FROM ${set.from} ${where}
      GROUP BY 1 ORDER BY count DESC, value LIMIT ${FACET_VALUES}`;
    return [facet, cached(db, sql).all(...params)];
  })) as Record<F, FacetCount[]>;
}

export function countRows(db: Db, set: FilteredSet): number {
  const { where, params } = conditionsOf(set);
  return (cached(db, `SELECT count(*) AS n FROM ${set.from} ${where}`).get(...params) as { n: number }).n;
}

/** Where a list's `total` and `facets` come from: counted over its filtered set, or kept as stored counts. */
export interface SetCounts<F extends string> {
  total(): number;
  facets(names: readonly F[]): Record<F, FacetCount[]>;
}

/** `columns[name]` is [value expression, label expression or 'NULL']. */
export const countedOver = <F extends string>(db: Db, set: FilteredSet, columns: Record<F, readonly [string, string]>): SetCounts<F> => ({
  total: () => countRows(db, set),
  facets: (names) => facetCounts(db, set, names, columns),
});

/** Adds `total` and `facets` to a page when the request asked for them; each is computed only then. */
export function withExtras<P extends object, F extends string>(
  page: P, ask: { count?: boolean; facets?: F[] }, counts: SetCounts<F>,
): P & { total?: number; facets?: Record<F, FacetCount[]> } {
  return {
    ...page,
    ...(ask.count ? { total: counts.total() } : {}),
    ...(ask.facets ? { facets: counts.facets(ask.facets) } : {}),
  };
}
