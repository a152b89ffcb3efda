// latest_figures is derived data: triggers (migrations/0006) keep it in step with every write. A bulk
// load drops those triggers like the full-text ones, and rebuilds the table once here instead.
import type { Db } from '../db/client.js';

/** Trigger names the bulk loader drops and recreates around a load. */
export const LATEST_FIGURES_TRIGGERS = 'latest_figures_*';

// The same order as the triggers' and the migration's: latest claim first, then place in the claim.
const REBUILD = `
  INSERT INTO latest_figures (topic_id, claimant_id, unit, claim_id, position, claimed_from, claimed_to, stance, low, high)
  SELECT topic_id, claimant_id, unit, claim_id, position, claimed_from, claimed_to, stance, low, high FROM (
    SELECT c.topic_id, c.claimant_id, q.unit, c.id AS claim_id, q.position, c.claimed_from, c.claimed_to, c.stance,
      coalesce(q.value, q.min, q.max) AS low, coalesce(q.value, q.max, q.min) AS high,
      ROW_NUMBER() OVER (PARTITION BY c.topic_id, c.claimant_id, q.unit
        ORDER BY c.claimed_from DESC, c.claimed_to DESC, c.id DESC, q.position) AS nth
    FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
    WHERE c.topic_id IS NOT NULL AND c.claimant_id IS NOT NULL)
  WHERE nth = 1`;

export function rebuildLatestFigures(db: Db): void {
  db.exec(`DELETE FROM latest_figures; ${REBUILD}`);
}
