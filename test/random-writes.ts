// Random writes of the kinds the editing API and the loaders make, straight in SQL, for tests that hold
// derived tables (kept by triggers) to a rebuild from scratch after each one.
import { chance, int, pick, type Random } from '../bench/random.js';
import { STANCES } from '../src/annotations/schema.js';
import type { Db } from '../src/db/client.js';

export const column = (db: Db, sql: string) => (db.prepare(sql).all() as Record<string, string | number | null>[]).map((r) => Object.values(r)[0]);

/** One random write of a kind the editing API or a loader makes, on the rows the database holds now. */
export function randomWrite(db: Db, random: Random): string {
  const claims = column(db, 'SELECT id FROM claims ORDER BY id') as string[];
  const figured = column(db, 'SELECT DISTINCT claim_id FROM claim_quantities ORDER BY claim_id') as string[];
  const topics = [...column(db, 'SELECT id FROM topics ORDER BY id'), null];
  const entities = [...column(db, 'SELECT id FROM entities ORDER BY id LIMIT 12'), null];
  const days = ['2024-09-30', '2024-10-01', '2024-10-18', '2024-11-20', '2025-02-01', '2025-03-15'];
  const claim = pick(random, chance(random, 0.7) && figured.length > 0 ? figured : claims);
  const kind = int(random, 8);
  switch (kind) {
    case 0: {
      const day = pick(random, days);
      const wide = chance(random, 0.3);
      db.prepare('UPDATE claims SET claimed_from = ?, claimed_to = ? WHERE id = ?').run(day, wide ? '2025-12-31' : day, claim);
      return `dates of ${claim}`;
    }
    case 1:
      db.prepare('UPDATE claims SET stance = ? WHERE id = ?').run(pick(random, [...STANCES]), claim);
      return `stance of ${claim}`;
    case 2:
      db.prepare('UPDATE claims SET claimant_id = ? WHERE id = ?').run(pick(random, entities), claim);
      return `claimant of ${claim}`;
    case 3:
      db.prepare('UPDATE claims SET topic_id = ? WHERE id = ?').run(pick(random, topics), claim);
      return `topic of ${claim}`;
    case 4:
      db.prepare('UPDATE claim_quantities SET value = ?, unit = ? WHERE claim_id = ? AND position = 0')
        .run(int(random, 20000), pick(random, ['troops', 'killed', 'brigades']), claim);
      return `quantity of ${claim}`;
    case 5: {
      const position = (db.prepare('SELECT coalesce(max(position) + 1, 0) AS p FROM claim_quantities WHERE claim_id = ?').get(claim) as { p: number }).p;
      db.prepare('INSERT INTO claim_quantities (claim_id, position, value, min, max, unit, approximate) VALUES (?, ?, NULL, ?, ?, ?, 0)')
        .run(claim, position, int(random, 500), 500 + int(random, 500), pick(random, ['troops', 'killed']));
      return `range added to ${claim}`;
    }
    case 6:
      db.prepare('DELETE FROM claim_quantities WHERE claim_id = ? AND position = (SELECT min(position) FROM claim_quantities WHERE claim_id = ?)').run(claim, claim);
      return `first quantity of ${claim} deleted`;
    default:
      // A claim delete: its quantities go by cascade, its relations with it.
      db.prepare('DELETE FROM claims WHERE id = ?').run(claim);
      return `${claim} deleted`;
  }
}

