import type { Db } from '../db/client.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT, type Page } from '../http/common.js';
import type { ClaimRepository } from '../claims/repository.js';
import { DEFAULT_TOLERANCE, type Conflict, type ConflictQuery, type ConflictReason, type FigureRange } from './schema.js';
import { conflictPairsSql } from './sql.js';

interface PairRow {
  a_id: string; b_id: string; a_from: string; kind: 'annotated' | 'figures';
  from_claim_id: string | null; to_claim_id: string | null; note: string | null;
  topic_id: string | null; unit: string | null; a_range: string | null; b_range: string | null; days_apart: number | null;
}

// Tolerances like 0.1 are not exact in binary: 10,900 less 10% would print as 9809.999999999998.
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

function toRange(json: string): FigureRange {
  const r = JSON.parse(json) as Omit<FigureRange, 'approximate'> & { approximate: number };
  return { ...r, approximate: r.approximate === 1, low: tidy(r.low), high: r.high === null ? null : tidy(r.high) };
}

function toReason(r: PairRow): ConflictReason {
  if (r.kind === 'annotated') {
    return { kind: 'annotated', relation: 'contradicts', from_claim_id: r.from_claim_id!, to_claim_id: r.to_claim_id!, note: r.note };
  }
  return {
    kind: 'figures', topic_id: r.topic_id!, unit: r.unit!, a: toRange(r.a_range!), b: toRange(r.b_range!), days_apart: r.days_apart!,
  };
}

export type ConflictRepository = ReturnType<typeof createConflictRepository>;

/** `claims` is the claims feature's repository: pairs are shown with both claims exactly as it serves them. */
export function createConflictRepository(db: Db, claims: Pick<ClaimRepository, 'getMany'>) {
  const hydrate = (rows: PairRow[]): Conflict[] => {
    const byId = claims.getMany(rows.flatMap((r) => [r.a_id, r.b_id]));
    return rows.map((r) => ({ a: byId.get(r.a_id)!, b: byId.get(r.b_id)!, reason: toReason(r) }));
  };

  return {
    list(query: ConflictQuery, defaultWindowDays: number): Page<Conflict> {
      const { from, params } = conflictPairsSql({
        topic: query.topic, claimant: query.claimant, entity: query.entity, kind: query.kind,
        windowDays: query.window_days ?? defaultWindowDays, tolerance: query.tolerance ?? DEFAULT_TOLERANCE,
      });
      return runKeyset<PairRow, Conflict>(db, {
        select: '*', from, params, sort: 'conflicts', columns: ['a_from', 'a_id', 'b_id'], map: hydrate,
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
    },
  };
}
