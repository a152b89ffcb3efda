// Which order a claims list is served in. Relevance means bm25 over every match of q; above
// RANKING_LIMIT matches that would take up to a second at a million claims, so the list gives way to
// newest first (-claimed_on) and says so in `sort`. A next page keeps the order its cursor was given
// under, so paging never switches orders halfway.
import type { Db } from '../db/client.js';
import { matchDensity, rankingGivesWay } from '../db/full-text.js';
import type { ClaimPlan, ClaimSort } from './filters.js';
import type { ClaimListQuery } from './schema.js';

const RELEVANCE_FALLBACK: ClaimSort = '-claimed_on';

function appliedSort(db: Db, query: ClaimListQuery): ClaimSort {
  const asked = query.sort ?? (query.q ? 'relevance' : 'claimed_on');
  if (asked !== 'relevance' || !query.q) return asked;
  return rankingGivesWay(db, [['claims_fts', query.q]], query.cursor, RELEVANCE_FALLBACK) ? RELEVANCE_FALLBACK : asked;
}

export function claimPlan(db: Db, query: ClaimListQuery): ClaimPlan {
  const sort = appliedSort(db, query);
  if (sort === 'relevance' || query.q === undefined) return { sort };
  return { sort, matches: matchDensity(db, 'claims_fts', 'claims', query.q) };
}
