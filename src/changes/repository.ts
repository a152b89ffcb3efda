import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import type { Resource, Revision } from '../editing/revisions.js';

interface Row extends Omit<Revision, 'before' | 'after'> { before: string | null; after: string | null }

const parse = (row: Row): Revision =>
  ({ ...row, before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after) });

export type ChangeRepository = ReturnType<typeof createChangeRepository>;

export function createChangeRepository(db: Db) {
  return {
    /** Up to `limit` changes after `since`, in seq (= commit) order; one more is read to know if more wait. */
    after(since: number, limit: number, resources?: readonly Resource[]): { changes: Revision[]; hasMore: boolean } {
      const filter = resources ? 'AND resource IN (SELECT value FROM json_each(?))' : '';
      const params = resources ? [since, JSON.stringify(resources), limit + 1] : [since, limit + 1];
      const rows = cached(db, `SELECT * FROM revisions WHERE seq > ? ${filter} ORDER BY seq LIMIT ?`).all(...params) as Row[];
      return { changes: rows.slice(0, limit).map(parse), hasMore: rows.length > limit };
    },
    lastSeq: () => (cached(db, 'SELECT coalesce(max(seq), 0) AS seq FROM revisions').get() as { seq: number }).seq,
  };
}
