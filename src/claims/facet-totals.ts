// Facets and the total of the unfiltered claims list, read from claim_facet_totals (kept by triggers,
// migrations/0006 and 0012) instead of counting every claim per request: on a million claims the GROUP BY
// took about 0.4 s. A bulk load drops the triggers and rebuilds the table once (rebuildFacetTotals).
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import { FACET_VALUES, type SetCounts } from '../db/facets.js';
import type { FacetCount } from '../http/params.js';
import { CLAIM_FACET_COLUMNS, facetLabel } from './filters.js';
import type { ClaimFacet } from './schema.js';

export const FACET_TOTALS_TRIGGERS = 'claim_facet_totals_*';

/** Each facet's stored key, over claims c: the value, '' standing for none (a claim with no claimant or topic). */
export const FACET_KEYS = Object.fromEntries(Object.entries(CLAIM_FACET_COLUMNS)
  .map(([facet, [column]]) => [facet, `coalesce(${column}, '')`])) as Record<ClaimFacet, string>;

const topValues = (db: Db, facet: ClaimFacet) => cached(db, `SELECT nullif(t.key, '') AS value, ${facetLabel(facet, 't.key')} AS label, t.count
  FROM claim_facet_totals t WHERE t.field = ? ORDER BY t.count DESC, t.key LIMIT ${FACET_VALUES}`).all(facet) as FacetCount[];

/** The unfiltered list's counts. Every claim has exactly one stance, so the stance counts add up to the total. */
export const storedClaimCounts = (db: Db): SetCounts<ClaimFacet> => ({
  total: () => (cached(db, "SELECT coalesce(sum(count), 0) AS n FROM claim_facet_totals WHERE field = 'stance'").get() as { n: number }).n,
  facets: (names) => Object.fromEntries(names.map((facet) => [facet, topValues(db, facet)])) as Record<ClaimFacet, FacetCount[]>,
});

/**
 * Claims whose days cross a month's end, which claim_facet_months leaves out: the words of
 * claims_across_months' WHERE, so that the index serves them.
 */
export const ACROSS_MONTHS = 'substr(c.claimed_from, 1, 7) <> substr(c.claimed_to, 1, 7)';

/**
 * claim_facet_months from the claims within one month, then claim_facet_totals from it and the claims
 * across a month's end (claims_across_months), rather than counting every claim a second time.
 */
export function rebuildFacetTotals(db: Db): void {
  const fields = Object.entries(FACET_KEYS);
  const withinMonths = fields.map(([field, key]) => `SELECT '${field}', substr(c.claimed_from, 1, 7), ${key}, count(*)
    FROM claims c WHERE NOT (${ACROSS_MONTHS}) GROUP BY 2, 3`);
  const acrossMonths = fields.map(([field, key]) => `SELECT '${field}', ${key}, count(*)
    FROM claims c WHERE ${ACROSS_MONTHS} GROUP BY 2`);
  db.exec(`DELETE FROM claim_facet_months;
    INSERT INTO claim_facet_months (field, month, key, count) ${withinMonths.join(' UNION ALL ')};
    DELETE FROM claim_facet_totals;
    INSERT INTO claim_facet_totals (field, key, count) SELECT field, key, sum(count) FROM (
      SELECT field, key, count FROM claim_facet_months UNION ALL ${acrossMonths.join(' UNION ALL ')}) GROUP BY field, key`);
}
