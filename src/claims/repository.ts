// Claims as stored -> claims as the API shows them. A page is fetched by keyset (see filters.ts
// for which index drives it), then hydrated with one query per child table for the whole page.
import type { Db } from '../db/client.js';
import { groupBy, idList } from '../db/group.js';
import { expandPrefixes } from '../db/full-text.js';
import { runKeyset } from '../db/keyset.js';
import { rowReader } from '../db/rows.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { dayRange } from '../http/params.js';
import { countedOver, withExtras } from '../db/facets.js';
import { storedClaimCounts } from './facet-totals.js';
import { CLAIM_FACET_COLUMNS, claimSql, coversEveryClaim, filtersDatesOnly, type ClaimPlan, type ClaimSql } from './filters.js';
import { monthlyClaimCounts } from './facet-months.js';
import { claimPlan } from './sorting.js';
import type { Claim, ClaimDetail, ClaimListQuery } from './schema.js';


interface ClaimRow {
  id: string; article_id: string; text: string; quote_exact: string; quote_prefix: string; quote_suffix: string;
  quote_start: number; quote_end: number; claimant_id: string | null; claimant_name: string | null;
  claimant_kind: string | null; stance: string; certainty: string; claimed_on: string; claimed_from: string;
  topic_id: string | null; version: number;
}

// The claimant's name and kind come from a correlated lookup rather than a join, so the query's
// FROM stays whatever table the filters drive from.
const CLAIM_COLUMNS = `c.id, c.article_id, c.text, c.quote_exact, c.quote_prefix, c.quote_suffix, c.quote_start,
  c.quote_end, c.claimant_id, (SELECT name FROM entities WHERE id = c.claimant_id) AS claimant_name,
  (SELECT kind FROM entities WHERE id = c.claimant_id) AS claimant_kind, c.stance, c.certainty, c.claimed_on,
  c.claimed_from, c.topic_id, c.version`;
const IN_PAGE = 'IN (SELECT value FROM json_each(?))';

export type ClaimRepository = ReturnType<typeof createClaimRepository>;

export function createClaimRepository(db: Db) {
  // Child rows of a page, keyed by the claim they belong to.
  type Child = { claim_id: string } & Record<string, unknown>;
  const byId = rowReader<ClaimRow>(db.prepare(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = ?`));
  const byIds = rowReader<ClaimRow>(db.prepare(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id IN (SELECT value FROM json_each(?))`));
  const via = rowReader<Child>(db.prepare(`SELECT v.claim_id, e.id, e.name FROM claim_via v JOIN entities e ON e.id = v.entity_id
    WHERE v.claim_id ${IN_PAGE} ORDER BY v.claim_id, v.position`));
  const subjects = rowReader<Child>(db.prepare(`SELECT s.claim_id, e.id, e.name, s.role FROM claim_entities s
    JOIN entities e ON e.id = s.entity_id WHERE s.claim_id ${IN_PAGE} ORDER BY s.claim_id, s.position`));
  const events = rowReader<Child>(db.prepare(`SELECT claim_id, event_id FROM claim_events WHERE claim_id ${IN_PAGE}
    ORDER BY claim_id, event_id`));
  const quantities = rowReader<Child>(db.prepare(`SELECT claim_id, value, min, max, unit, approximate FROM claim_quantities
    WHERE claim_id ${IN_PAGE} ORDER BY claim_id, position`));
  const relations = db.prepare(`
    SELECT type, to_claim_id AS claim_id, 'outgoing' AS direction FROM claim_relations WHERE from_claim_id = ?
    UNION ALL
    SELECT type, from_claim_id AS claim_id, 'incoming' AS direction FROM claim_relations WHERE to_claim_id = ?
    ORDER BY direction DESC, type, claim_id`);

  function hydrate(rows: ClaimRow[]): Claim[] {
    const ids = idList(rows.map((r) => r.id));
    const viaOf = groupBy(via.all(ids), 'claim_id');
    const subjectsOf = groupBy(subjects.all(ids), 'claim_id');
    const eventsOf = groupBy(events.all(ids), 'claim_id');
    const quantitiesOf = groupBy(quantities.all(ids), 'claim_id');
    return rows.map((r) => ({
      id: r.id,
      article_id: r.article_id,
      text: r.text,
      quote: { exact: r.quote_exact, prefix: r.quote_prefix, suffix: r.quote_suffix, start: r.quote_start, end: r.quote_end },
      claimant: r.claimant_id === null ? null
        : { id: r.claimant_id, name: r.claimant_name!, kind: r.claimant_kind as NonNullable<Claim['claimant']>['kind'] },
      via: (viaOf.get(r.id) ?? []).map(({ id, name }) => ({ id: id as string, name: name as string })),
      stance: r.stance as Claim['stance'],
      certainty: r.certainty as Claim['certainty'],
      claimed_on: r.claimed_on,
      quantities: (quantitiesOf.get(r.id) ?? []).map((q) => ({
        value: q.value as number | null, min: q.min as number | null, max: q.max as number | null,
        unit: q.unit as string, approximate: q.approximate === 1,
      })),
      entities: (subjectsOf.get(r.id) ?? []).map(({ id, name, role }) =>
        ({ id: id as string, name: name as string, role: role as Claim['entities'][number]['role'] })),
      event_ids: (eventsOf.get(r.id) ?? []).map((e) => e.event_id as string),
      topic_id: r.topic_id,
      version: r.version,
    }));
  }

  /** Where a list's total and facets come from: stored counts for no filter or dates alone, else counting `whole`. */
  function setCounts(query: ClaimListQuery, plan: ClaimPlan, whole: ClaimSql) {
    if (coversEveryClaim(whole)) return storedClaimCounts(db);
    const byMonths = filtersDatesOnly(query, plan) ? monthlyClaimCounts(db, dayRange(query.from, query.to)) : undefined;
    return byMonths ?? countedOver(db, whole, CLAIM_FACET_COLUMNS);
  }

  return {
    list(query: ClaimListQuery) {
      // The same matches with cheap lookups, for everything but bm25 (expandPrefixes).
      const searched = query.q === undefined ? query : { ...query, q: expandPrefixes(db, 'claims_fts', query.q) };
      const plan = claimPlan(db, searched);
      const sql = claimSql(plan.sort === 'relevance' ? query : searched, plan);
      const page = runKeyset<ClaimRow, Claim>(db, { ...sql, select: CLAIM_COLUMNS, map: hydrate }, {
        limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor,
      });
      // Counting and faceting read every match anyway: collecting them once beats a probe per claim.
      const whole = plan.matches === 'dense' ? claimSql(searched, { ...plan, matches: 'some' }) : sql;
      // Only a search chooses its order; a plain list keeps the envelope every list shares.
      return { ...withExtras(page, query, setCounts(query, plan, whole)), ...(query.q ? { sort: plan.sort } : {}) };
    },
    /** Claims by id, for views that show claims in full beside something else (conflicts). */
    getMany(ids: string[]): Map<string, Claim> {
      const claims = hydrate(byIds.all(idList([...new Set(ids)])));
      return new Map(claims.map((claim) => [claim.id, claim]));
    },
    get(id: string): ClaimDetail | undefined {
      const row = byId.get(id);
      if (!row) return undefined;
      const [claim] = hydrate([row]);
      return { ...claim, relations: relations.all(id, id) as ClaimDetail['relations'] };
    },
  };
}
