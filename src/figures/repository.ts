// The figures that answer a topic, one row per claim quantity, for charts of estimates over time.
// Pages walk claims_topic (topic, claimed_from, id); the latest-per-claimant summary and the spread
// are computed over every filtered figure, so they do not change as a client pages.
import type { Db } from '../db/client.js';
import { Conditions } from '../db/conditions.js';
import { cached, runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { dayRange, MAX_CLAIM_SPAN_DAYS } from '../http/params.js';
import type { Topic } from '../topics/schema.js';
import type { Figure, FigureList, FigureQuery, Spread } from './schema.js';

interface FigureRow {
  claim_id: string; article_id: string; text: string; claimed_on: string; claimed_from: string; claimed_to: string; position: number;
  claimant_id: string | null; claimant_name: string | null; claimant_kind: string | null;
  value: number | null; min: number | null; max: number | null; unit: string; approximate: number;
  stance: string; certainty: string;
}

const COLUMNS = `c.id AS claim_id, c.article_id, c.text, c.claimed_on, c.claimed_from, c.claimed_to, q.position,
  c.claimant_id, e.name AS claimant_name, e.kind AS claimant_kind,
  q.value, q.min, q.max, q.unit, q.approximate, c.stance, c.certainty`;
const FROM = `claims c JOIN claim_quantities q ON q.claim_id = c.id LEFT JOIN entities e ON e.id = c.claimant_id`;

const toFigure = (r: FigureRow): Figure => ({
  claim_id: r.claim_id, article_id: r.article_id, text: r.text, claimed_on: r.claimed_on, claimed_from: r.claimed_from, claimed_to: r.claimed_to,
  claimant: r.claimant_id === null ? null
    : { id: r.claimant_id, name: r.claimant_name!, kind: r.claimant_kind as NonNullable<Figure['claimant']>['kind'] },
  value: r.value, min: r.min, max: r.max, unit: r.unit, approximate: r.approximate === 1,
  stance: r.stance as Figure['stance'], certainty: r.certainty as Figure['certainty'],
});

function conditions(topicId: string, q: FigureQuery): Conditions {
  return new Conditions().add('c.topic_id = ?', topicId)
    .in('q.unit', q.unit).in('c.claimant_id', q.claimant)
    .overlaps('c.claimed_from', 'c.claimed_to', dayRange(q.from, q.to), MAX_CLAIM_SPAN_DAYS);
}

export type FigureRepository = ReturnType<typeof createFigureRepository>;

export function createFigureRepository(db: Db) {
  const topicById = db.prepare('SELECT id, question, unit, description, version FROM topics WHERE id = ?');

  /**
   * Per claimant and unit, the figure of its latest claim (the first of that claim's figures in that
   * unit): a source that gave "500 killed" and "3 wounded" on one day has a latest figure for each.
   */
  function latestByClaimant(where: Conditions): Figure[] {
    // Ranked on narrow columns (the claims_topic_claimant index covers the claim side), then the full
    // rows are read for the winners only: a busy topic has tens of thousands of figures.
    const sql = `WITH ranked AS (
        SELECT c.id AS claim_id, q.position, ROW_NUMBER() OVER (PARTITION BY c.claimant_id, q.unit
          ORDER BY c.claimed_from DESC, c.claimed_to DESC, c.id DESC, q.position) AS nth
        FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
        WHERE ${[...where.where, 'c.claimant_id IS NOT NULL'].join(' AND ')})
      SELECT ${COLUMNS} FROM ranked r JOIN claims c ON c.id = r.claim_id
        JOIN claim_quantities q ON q.claim_id = r.claim_id AND q.position = r.position
        LEFT JOIN entities e ON e.id = c.claimant_id
      WHERE r.nth = 1 ORDER BY c.claimant_id, q.unit`;
    return (cached(db, sql).all(...where.params) as FigureRow[]).map(toFigure);
  }

  return {
    /** Undefined when there is no such topic. */
    list(topicId: string, query: FigureQuery): FigureList | undefined {
      const topic = topicById.get(topicId) as Topic | undefined;
      if (!topic) return undefined;
      const where = conditions(topicId, query);
      const page = runKeyset<FigureRow, Figure>(db, {
        select: COLUMNS, from: FROM, where: where.where, params: where.params,
        sort: 'figures', columns: ['c.claimed_from', 'c.id', 'q.position'], map: (rows) => rows.map(toFigure),
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
      const latest = latestByClaimant(where);
      const unit = query.unit?.length === 1 ? query.unit[0] : topic.unit;
      return { topic, ...page, latest_by_claimant: latest, spread: spreadOf(latest, unit) };
    },
  };
}

/**
 * Lowest and highest of the asserted figures in one unit. A denial's figure is not an estimate of
 * the answer, and figures in different units cannot be compared.
 */
export function spreadOf(figures: Figure[], preferredUnit: string | null): Spread | null {
  const asserted = figures.filter((f) => f.stance === 'asserts' && f.claimant !== null);
  const units = new Set(asserted.map((f) => f.unit));
  const unit = preferredUnit ?? (units.size === 1 ? [...units][0] : null);
  const inUnit = asserted.filter((f) => f.unit === unit);
  if (unit === null || inUnit.length === 0) return null;
  const ends = inUnit.map((f) => ({
    low: f.value ?? f.min ?? f.max!, high: f.value ?? f.max ?? f.min!, claim_id: f.claim_id, claimant_id: f.claimant!.id,
  }));
  const lowest = ends.reduce((best, e) => (e.low < best.low ? e : best));
  const highest = ends.reduce((best, e) => (e.high > best.high ? e : best));
  return {
    unit,
    lowest: { value: lowest.low, claim_id: lowest.claim_id, claimant_id: lowest.claimant_id },
    highest: { value: highest.high, claim_id: highest.claim_id, claimant_id: highest.claimant_id },
  };
}
