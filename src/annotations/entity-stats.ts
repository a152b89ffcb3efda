// Per-entity figures shown in entity lists and used to sort them. They are derived data, so they
// are recomputed from claims and mentions in the same transaction as any change to those.
import type { Db } from '../db/client.js';
import { MAX_CLAIM_SPAN_DAYS } from '../http/params.js';

const REFRESH = `
  UPDATE entities SET
    claims_made = (SELECT count(*) FROM claims c WHERE c.claimant_id = entities.id),
    claims_about = (SELECT count(DISTINCT claim_id) FROM claim_entities s WHERE s.entity_id = entities.id),
    claim_count = (SELECT count(*) FROM entity_claims x WHERE x.entity_id = entities.id),
    article_count = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id),
    first_seen = (SELECT min(x.claimed_from) FROM entity_claims x WHERE x.entity_id = entities.id),
    -- A claim spans at most MAX_CLAIM_SPAN_DAYS, so the latest last day is among the claims that start
    -- within that many days of the latest start: only those are read (the hot entity has ~10% of all claims).
    last_seen = (SELECT max(c.claimed_to) FROM entity_claims x JOIN claims c ON c.id = x.claim_id
                 WHERE x.entity_id = entities.id AND x.claimed_from >= date(
                   (SELECT max(y.claimed_from) FROM entity_claims y WHERE y.entity_id = entities.id), '-${MAX_CLAIM_SPAN_DAYS} days'))`;

export function refreshEntityStats(db: Db, entityIds?: string[]): void {
  if (entityIds === undefined) {
    db.prepare(REFRESH).run();
    return;
  }
  db.prepare(`${REFRESH} WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(entityIds));
}

/** Who takes part in a claim: claimant, via and subjects, each once. */
export function participantsOf(claim: { claimant: string | null; via: string[]; subjects: { entity: string }[] }): string[] {
  return [...new Set([claim.claimant, ...claim.via, ...claim.subjects.map((s) => s.entity)].filter((id): id is string => id !== null))];
}
