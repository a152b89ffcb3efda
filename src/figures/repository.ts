// The figures that answer a topic, one row per claim quantity, for charts of estimates over time.
// Pages walk claims_topic (topic, claimed_from, id); the latest-per-claimant summary and the spread
// are computed over every filtered figure, so they do not change as a client pages.
import type { Db } from '../db/client.js';
import { anyArm, Conditions, type Arm } from '../db/conditions.js';
import { cached, runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { dayRange } from '../http/params.js';
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
// CROSS JOIN keeps claims the outer loop: the page walks claims_topic in order. With a unit filter the
// planner otherwise scanned every claim quantity (there is no index on unit) and sorted the topic.
const FROM = `claims c CROSS JOIN claim_quantities q ON q.claim_id = c.id LEFT JOIN entities e ON e.id = c.claimant_id`;

const toFigure = (r: FigureRow): Figure => ({
  claim_id: r.claim_id, article_id: r.article_id, text: r.text, claimed_on: r.claimed_on, claimed_from: r.claimed_from, claimed_to: r.claimed_to,
  claimant: r.claimant_id === null ? null
    : { id: r.claimant_id, name: r.claimant_name!, kind: r.claimant_kind as NonNullable<Figure['claimant']>['kind'] },
  value: r.value, min: r.min, max: r.max, unit: r.unit, approximate: r.approximate === 1,
  stance: r.stance as Figure['stance'], certainty: r.certainty as Figure['certainty'],
});

/** The figures' conditions, and the arms of a date filter (walked like the claims list's). */
function conditions(topicId: string, q: FigureQuery): { where: Conditions; arms?: Arm[] } {
  const where = new Conditions().add('c.topic_id = ?', topicId).in('q.unit', q.unit).in('c.claimant_id', q.claimant);
  return { where, arms: where.claimDays('c.claimed_from', 'c.claimed_to', dayRange(q.from, q.to)) };
}

export type FigureRepository = ReturnType<typeof createFigureRepository>;

const DEFAULT_LATEST_LIMIT = 50;

// Newest first; claimant and unit break ties so the order is total.
const NEWEST_FIRST = 'ORDER BY c.claimed_from DESC, c.claimed_to DESC, c.claimant_id, q.unit';

interface Latest { latest_by_claimant: Figure[]; latest_by_claimant_total: number; spread: Spread | null }

export function createFigureRepository(db: Db) {
  const topicById = db.prepare('SELECT id, question, unit, description, version FROM topics WHERE id = ?');

  /**
   * Without a date filter, each claimant's latest figure is already stored (latest_figures, kept by
   * triggers): the newest few are read through an index, the spread's ends are one index step each.
   * Claimant and unit filters only narrow which stored rows count.
   */
  function storedLatest(topicId: string, query: FigureQuery, unit: string | null, limit: number): Latest {
    const where = new Conditions().add('l.topic_id = ?', topicId).in('l.claimant_id', query.claimant).in('l.unit', query.unit);
    const clause = where.where.join(' AND ');
    const rows = cached(db, `SELECT ${COLUMNS} FROM latest_figures l
        JOIN claims c ON c.id = l.claim_id JOIN claim_quantities q ON q.claim_id = l.claim_id AND q.position = l.position
        LEFT JOIN entities e ON e.id = c.claimant_id
      WHERE ${clause} ORDER BY l.claimed_from DESC, l.claimed_to DESC, l.claimant_id, l.unit LIMIT ?`)
      .all(...where.params, limit) as FigureRow[];
    const { total } = cached(db, `SELECT count(*) AS total FROM latest_figures l WHERE ${clause}`).get(...where.params) as { total: number };
    const asserted = `${clause} AND l.stance = 'asserts'`;
    const spreadUnit = unit ?? soleUnit(cached(db, `SELECT DISTINCT l.unit FROM latest_figures l WHERE ${asserted} LIMIT 2`)
      .pluck().all(...where.params) as string[]);
    let spread: Spread | null = null;
    if (spreadUnit !== null) {
      const end = (order: string, column: 'low' | 'high') => cached(db, `SELECT l.${column} AS value, l.claim_id, l.claimant_id
        FROM latest_figures l WHERE ${asserted} AND l.unit = ? ORDER BY ${order}, l.claimant_id LIMIT 1`)
        .get(...where.params, spreadUnit) as Spread['lowest'] | undefined;
      const lowest = end('l.low', 'low');
      const highest = end('l.high DESC', 'high');
      if (lowest && highest) spread = { unit: spreadUnit, lowest, highest };
    }
    return { latest_by_claimant: rows.map(toFigure), latest_by_claimant_total: total, spread };
  }

  /**
   * With a date filter "latest" means latest within the dates, which no stored row answers: ranked
   * per request over the topic's figures in those dates (narrow columns first, full rows for the winners).
   */
  function latestWithin({ where, arms }: ReturnType<typeof conditions>, unit: string | null, limit: number): Latest {
    const dates = arms ? anyArm(arms) : { where: [], params: [] };
    const sql = `WITH ranked AS (
        SELECT c.id AS claim_id, q.position, ROW_NUMBER() OVER (PARTITION BY c.claimant_id, q.unit
          ORDER BY c.claimed_from DESC, c.claimed_to DESC, c.id DESC, q.position) AS nth
        FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
        WHERE ${[...where.where, ...dates.where, 'c.claimant_id IS NOT NULL'].join(' AND ')})
      SELECT ${COLUMNS} FROM ranked r JOIN claims c ON c.id = r.claim_id
        JOIN claim_quantities q ON q.claim_id = r.claim_id AND q.position = r.position
        LEFT JOIN entities e ON e.id = c.claimant_id
      WHERE r.nth = 1 ${NEWEST_FIRST}`;
    const all = (cached(db, sql).all(...where.params, ...dates.params) as FigureRow[]).map(toFigure);
    return { latest_by_claimant: all.slice(0, limit), latest_by_claimant_total: all.length, spread: spreadOf(all, unit) };
  }

  return {
    /** Undefined when there is no such topic. */
    list(topicId: string, query: FigureQuery): FigureList | undefined {
      const topic = topicById.get(topicId) as Topic | undefined;
      if (!topic) return undefined;
      const filtered = conditions(topicId, query);
      const page = runKeyset<FigureRow, Figure>(db, {
        select: COLUMNS, from: FROM, where: filtered.where.where, params: filtered.where.params, arms: filtered.arms,
        sort: 'figures', columns: ['c.claimed_from', 'c.id', 'q.position'], map: (rows) => rows.map(toFigure),
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
      const unit = query.unit?.length === 1 ? query.unit[0] : topic.unit;
      const limit = query.latest_limit ?? DEFAULT_LATEST_LIMIT;
      const latest = query.from || query.to ? latestWithin(filtered, unit, limit) : storedLatest(topicId, query, unit, limit);
      return { topic, ...page, ...latest };
    },
  };
}

const soleUnit = (units: string[]) => (units.length === 1 ? units[0] : null);

/**
 * Lowest and highest of the asserted figures in one unit. A denial's figure is not an estimate of
 * the answer, and figures in different units cannot be compared.
 */
function spreadOf(figures: Figure[], preferredUnit: string | null): Spread | null {
  const asserted = figures.filter((f) => f.stance === 'asserts' && f.claimant !== null);
  const unit = preferredUnit ?? soleUnit([...new Set(asserted.map((f) => f.unit))]);
  const inUnit = asserted.filter((f) => f.unit === unit);
  if (unit === null || inUnit.length === 0) return null;
  const ends = inUnit.map((f) => ({
    low: f.value ?? f.min ?? f.max!, high: f.value ?? f.max ?? f.min!, claim_id: f.claim_id, claimant_id: f.claimant!.id,
  }));
  // Ties go to the first claimant id, as the stored spread's index order gives them.
  const lowest = ends.reduce((best, e) => (e.low < best.low || (e.low === best.low && e.claimant_id < best.claimant_id) ? e : best));
  const highest = ends.reduce((best, e) => (e.high > best.high || (e.high === best.high && e.claimant_id < best.claimant_id) ? e : best));
  return {
    unit,
    lowest: { value: lowest.low, claim_id: lowest.claim_id, claimant_id: lowest.claimant_id },
    highest: { value: highest.high, claim_id: highest.claim_id, claimant_id: highest.claimant_id },
  };
}
