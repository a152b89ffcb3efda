// Claims by id in exactly the shape /v1/claims serves (src/claims/schema.ts), for views that show
// claims in full beside something else. One query per child table for the whole batch.
// (routes.test.ts checks every claim served here equals GET /v1/claims/{id} without its relations.)
import type { Db } from '../db/client.js';
import { groupBy, idList } from '../db/group.js';
import type { Claim } from '../claims/schema.js';

interface ClaimRow {
  id: string; article_id: string; text: string; quote_exact: string; quote_prefix: string; quote_suffix: string;
  quote_start: number; quote_end: number; claimant_id: string | null; claimant_name: string | null;
  claimant_kind: string | null; stance: string; certainty: string; claimed_on: string; topic_id: string | null;
}

type Child = { claim_id: string } & Record<string, unknown>;

const IN_BATCH = 'IN (SELECT value FROM json_each(?))';

export function createClaimReader(db: Db): (ids: string[]) => Map<string, Claim> {
  const claims = db.prepare(`SELECT c.id, c.article_id, c.text, c.quote_exact, c.quote_prefix, c.quote_suffix,
      c.quote_start, c.quote_end, c.claimant_id, e.name AS claimant_name, e.kind AS claimant_kind, c.stance,
      c.certainty, c.claimed_on, c.topic_id
    FROM claims c LEFT JOIN entities e ON e.id = c.claimant_id WHERE c.id ${IN_BATCH}`);
  const via = db.prepare(`SELECT v.claim_id, e.id, e.name FROM claim_via v JOIN entities e ON e.id = v.entity_id
    WHERE v.claim_id ${IN_BATCH} ORDER BY v.claim_id, v.position`);
  const subjects = db.prepare(`SELECT s.claim_id, e.id, e.name, s.role FROM claim_entities s
    JOIN entities e ON e.id = s.entity_id WHERE s.claim_id ${IN_BATCH} ORDER BY s.claim_id, s.position`);
  const events = db.prepare(`SELECT claim_id, event_id FROM claim_events WHERE claim_id ${IN_BATCH}
    ORDER BY claim_id, event_id`);
  const quantities = db.prepare(`SELECT claim_id, value, min, max, unit, approximate FROM claim_quantities
    WHERE claim_id ${IN_BATCH} ORDER BY claim_id, position`);

  return (ids) => {
    const list = idList([...new Set(ids)]);
    const viaOf = groupBy(via.all(list) as Child[], 'claim_id');
    const subjectsOf = groupBy(subjects.all(list) as Child[], 'claim_id');
    const eventsOf = groupBy(events.all(list) as Child[], 'claim_id');
    const quantitiesOf = groupBy(quantities.all(list) as Child[], 'claim_id');
    const byId = new Map<string, Claim>();
    for (const r of claims.all(list) as ClaimRow[]) {
      byId.set(r.id, {
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
      });
    }
    return byId;
  };
}
