// Conflicting pairs of claims as one SQL query, so a page can be cut by keyset like any list.
// Each pair is ordered (a = the earlier claim by claimed_from, then id) and listed once: when a pair is
// both annotated and computed, or annotated both ways, the annotated reason wins, then the first one.

/**
 * A figure's range: a value is [value, value], widened by the tolerance when approximate; min/max is
 * [min, max]; only max ("up to") is [0, max]; only min ("at least") is [min, +inf), NULL high here.
 */
const figures = (topicFilter: string) => `
  SELECT c.id AS claim_id, c.topic_id, c.claimant_id, c.claimed_from, c.claimed_to, q.position, q.unit,
         q.value, q.min, q.max, q.approximate, julianday(c.claimed_from) AS jf, julianday(c.claimed_to) AS jt,
         CASE WHEN q.value IS NOT NULL THEN q.value - q.approximate * abs(q.value) * ? ELSE coalesce(q.min, 0) END AS low,
         CASE WHEN q.value IS NOT NULL THEN q.value + q.approximate * abs(q.value) * ? ELSE q.max END AS high
  FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
  WHERE c.stance = 'asserts' AND c.topic_id IS NOT NULL AND c.claimant_id IS NOT NULL ${topicFilter}`;

// Days between two claimed spans; 0 when they overlap ("2024-10" and "2024-10-17" are 0 days apart).
const DAYS_APART = `max(0, b.jf - a.jt, a.jf - b.jt)`;
const RANGE = (x: string) =>
  `json_object('value', ${x}.value, 'min', ${x}.min, 'max', ${x}.max, 'approximate', ${x}.approximate, 'low', ${x}.low, 'high', ${x}.high)`;

// A NULL high never compares below anything, so an open-ended range only conflicts from above.
// `a` is the earlier claim, so "b starts within N days of a's end" bounds the join exactly.
const figurePairs = (claimantFilter: string) => `
  SELECT a.claim_id AS a_id, b.claim_id AS b_id, a.topic_id, a.unit, ${RANGE('a')} AS a_range, ${RANGE('b')} AS b_range,
         CAST(${DAYS_APART} AS INTEGER) AS days_apart,
         ROW_NUMBER() OVER (PARTITION BY a.claim_id, b.claim_id ORDER BY a.position, b.position) AS nth
  FROM figures a JOIN figures b ON b.topic_id = a.topic_id AND b.unit = a.unit AND b.claimant_id <> a.claimant_id
    AND (a.claimed_from, a.claim_id) < (b.claimed_from, b.claim_id) AND b.jf <= a.jt + ?
  WHERE (a.high < b.low OR b.high < a.low) AND ${DAYS_APART} <= ? ${claimantFilter}`;

const EARLIER = '(f.claimed_from, f.id) < (t.claimed_from, t.id)';
const ANNOTATED = `
  SELECT CASE WHEN ${EARLIER} THEN f.id ELSE t.id END AS a_id, CASE WHEN ${EARLIER} THEN t.id ELSE f.id END AS b_id,
         r.from_claim_id, r.to_claim_id, r.note
  FROM claim_relations r JOIN claims f ON f.id = r.from_claim_id JOIN claims t ON t.id = r.to_claim_id
  WHERE r.type = 'contradicts' AND r.from_claim_id <> r.to_claim_id`;

export interface ConflictFilters {
  topic?: string[]; claimant?: string[]; entity?: string[]; kind?: string[];
  windowDays: number; tolerance: number;
}

const marks = (values: string[]) => `(${values.map(() => '?').join(', ')})`;

const ANNOTATED_COLUMNS = `a_id, b_id, 0 AS rank, 'annotated' AS kind, from_claim_id, to_claim_id, note,
  NULL AS topic_id, NULL AS unit, NULL AS a_range, NULL AS b_range, NULL AS days_apart`;
const FIGURE_COLUMNS = `a_id, b_id, 1 AS rank, 'figures' AS kind, NULL AS from_claim_id, NULL AS to_claim_id, NULL AS note,
  topic_id, unit, a_range, b_range, days_apart`;

/**
 * A FROM clause (a subquery named `pairs`) and its parameters, in order. Only the kinds asked for
 * are computed, and the topic and claimant filters apply before figures are paired, not after.
 */
export function conflictPairsSql(f: ConflictFilters): { from: string; params: unknown[] } {
  const wantsFigures = !f.kind || f.kind.includes('figures');
  const wantsAnnotated = !f.kind || f.kind.includes('annotated');
  const params: unknown[] = [];
  const ctes: string[] = [];
  const candidates: string[] = [];
  if (wantsFigures) {
    params.push(f.tolerance, f.tolerance, ...(f.topic ?? []), f.windowDays, f.windowDays);
    ctes.push(`figures AS MATERIALIZED (${figures(f.topic ? `AND c.topic_id IN ${marks(f.topic)}` : '')})`);
    const claimantFilter = f.claimant ? `AND (a.claimant_id IN ${marks(f.claimant)} OR b.claimant_id IN ${marks(f.claimant)})` : '';
    if (f.claimant) params.push(...f.claimant, ...f.claimant);
    ctes.push(`figure_pairs AS (${figurePairs(claimantFilter)})`);
    candidates.push(`SELECT ${FIGURE_COLUMNS} FROM figure_pairs WHERE nth = 1`);
  }
  if (wantsAnnotated) {
    ctes.push(`annotated AS (${ANNOTATED})`);
    candidates.unshift(`SELECT ${ANNOTATED_COLUMNS} FROM annotated`);
  }
  const where: string[] = [];
  const eitherSide = (condition: (side: string) => string, values: string[] | undefined, perSide = 1) => {
    if (!values) return;
    where.push(`(${condition('a')} OR ${condition('b')})`);
    for (let i = 0; i < 2 * perSide; i++) params.push(...values);
  };
  eitherSide((x) => `${x}.topic_id IN ${marks(f.topic!)}`, f.topic);
  eitherSide((x) => `${x}.claimant_id IN ${marks(f.claimant!)}`, f.claimant);
  eitherSide((x) => `${x}.id IN (SELECT claim_id FROM entity_claims WHERE entity_id IN ${marks(f.entity!)})`, f.entity);
  const from = `(WITH ${ctes.join(', ')}, candidates AS (${candidates.join(' UNION ALL ')}),
    ranked AS (
      SELECT p.*, a.claimed_from AS a_from,
             ROW_NUMBER() OVER (PARTITION BY p.a_id, p.b_id ORDER BY p.rank, p.from_claim_id, p.to_claim_id) AS pick
      FROM candidates p JOIN claims a ON a.id = p.a_id JOIN claims b ON b.id = p.b_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''})
    SELECT * FROM ranked WHERE pick = 1) AS pairs`;
  return { from, params };
}
