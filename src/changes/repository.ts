// The change feed reads the revision log (src/editing/revisions.ts): this is its view of it.
import type { Db } from '../db/client.js';
import { changesSince, lastSeq, type Resource } from '../editing/revisions.js';

export type ChangeRepository = ReturnType<typeof createChangeRepository>;

export function createChangeRepository(db: Db) {
  return {
    after: (since: number, limit: number, resources?: readonly Resource[]) => changesSince(db, since, limit, resources),
    lastSeq: () => lastSeq(db),
  };
}
