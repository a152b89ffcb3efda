// Facets and the total of the unfiltered claims list, read from claim_facet_totals (kept by triggers,
// migrations/0006) instead of counting every claim per request: on a million claims the GROUP BY
// took about 0.4 s. A bulk load drops the triggers and rebuilds the table once (rebuildFacetTotals).
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import { FACET_VALUES, type SetCounts } from '../db/facets.js';
import type { FacetCount } from '../http/params.js';
import type { CLAIM_FACET_COLUMNS } from './filters.js';

export const FACET_TOTALS_TRIGGERS = 'claim_facet_totals_*';

type FacetName = keyof typeof CLAIM_FACET_COLUMNS;

// As the filtered facets label them (filters.ts), from the stored key.
const LABELS: Record<FacetName, string> = {
  claimant: '(SELECT name FROM entities WHERE id = t.key)',
  stance: 'NULL',
  certainty: 'NULL',
  topic: '(SELECT question FROM topics WHERE id = t.key)',
  article: '(SELECT title FROM articles WHERE id = t.key)',
};

const topValues = (db: Db, facet: FacetName) => cached(db, `SELECT nullif(t.key, '') AS value, ${LABELS[facet]} AS label, t.count
  FROM claim_facet_totals t WHERE t.field = ? ORDER BY t.count DESC, t.key LIMIT ${FACET_VALUES}`).all(facet) as FacetCount[];

/** The unfiltered list's counts. Every claim has exactly one stance, so the stance counts add up to the total. */
export const storedClaimCounts = (db: Db): SetCounts<FacetName> => ({
  total: () => (cached(db, "SELECT coalesce(sum(count), 0) AS n FROM claim_facet_totals WHERE field = 'stance'").get() as { n: number }).n,
  facets: (names) => Object.fromEntries(names.map((facet) => [facet, topValues(db, facet)])) as Record<FacetName, FacetCount[]>,
});

export function rebuildFacetTotals(db: Db): void {
  db.exec(`DELETE FROM claim_facet_totals;
    INSERT INTO claim_facet_totals (field, key, count)
      SELECT 'claimant', coalesce(claimant_id, ''), count(*) FROM claims GROUP BY 2
      UNION ALL SELECT 'stance', stance, count(*) FROM claims GROUP BY 2
      UNION ALL SELECT 'certainty', certainty, count(*) FROM claims GROUP BY 2
      UNION ALL SELECT 'topic', coalesce(topic_id, ''), count(*) FROM claims GROUP BY 2
      UNION ALL SELECT 'article', article_id, count(*) FROM claims GROUP BY 2`);
}
