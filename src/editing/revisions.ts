// The revision log: one row per change, written in the same transaction as the change itself.
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import { AppError, notFound } from '../http/problem.js';

export const RESOURCES = ['articles', 'claims', 'entities', 'events', 'topics', 'relations'] as const;
export type Resource = (typeof RESOURCES)[number];
export const ACTIONS = ['create', 'update', 'delete', 'restore', 'merge'] as const;
export type Action = (typeof ACTIONS)[number];

export interface RevisionInput {
  resource: Resource; id: string; action: Action; version: number; actor: string;
  before: unknown; after: unknown;
}

export interface Revision {
  seq: number; resource: Resource; resource_id: string; action: Action; version: number; actor: string; at: string;
  before: unknown; after: unknown;
}

interface RevisionRow extends Omit<Revision, 'before' | 'after'> { before: string | null; after: string | null }

const toRevision = (row: RevisionRow): Revision =>
  ({ ...row, before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after) });

export function recordRevision(db: Db, r: RevisionInput, now = new Date()): number {
  const result = cached(db, `INSERT INTO revisions (resource, resource_id, action, version, actor, at, before, after)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(r.resource, r.id, r.action, r.version, r.actor, now.toISOString(),
    r.before === null ? null : JSON.stringify(r.before), r.after === null ? null : JSON.stringify(r.after));
  return Number(result.lastInsertRowid);
}

export function historyOf(db: Db, resource: Resource, id: string): Revision[] {
  return (cached(db, 'SELECT * FROM revisions WHERE resource = ? AND resource_id = ? ORDER BY seq')
    .all(resource, id) as RevisionRow[]).map(toRevision);
}

/** The delete or merge that removed an item, if its latest revision is one. */
export function tombstoneOf(db: Db, resource: Resource, id: string): Revision | undefined {
  const row = cached(db, 'SELECT * FROM revisions WHERE resource = ? AND resource_id = ? ORDER BY seq DESC LIMIT 1')
    .get(resource, id) as RevisionRow | undefined;
  return row && (row.action === 'delete' || row.action === 'merge') ? toRevision(row) : undefined;
}

/** Up to `limit` changes after `since`, in seq (= commit) order; one more is read to know if more wait. */
export function changesSince(db: Db, since: number, limit: number, resources?: readonly Resource[]): { changes: Revision[]; hasMore: boolean } {
  const filter = resources ? 'AND resource IN (SELECT value FROM json_each(?))' : '';
  const params = resources ? [since, JSON.stringify(resources), limit + 1] : [since, limit + 1];
  const rows = cached(db, `SELECT * FROM revisions WHERE seq > ? ${filter} ORDER BY seq LIMIT ?`).all(...params) as RevisionRow[];
  return { changes: rows.slice(0, limit).map(toRevision), hasMore: rows.length > limit };
}

export const lastSeq = (db: Db) => (cached(db, 'SELECT coalesce(max(seq), 0) AS seq FROM revisions').get() as { seq: number }).seq;

/** For GET of an id that is not live: 410 if it was deleted (or merged), else 404. */
export function missing(db: Db, resource: Resource, noun: string, id: string): AppError {
  return tombstoneOf(db, resource, id)
    ? new AppError('gone', `The ${noun} "${id}" was deleted; its history is at /v1/${resource}/${id}/history.`)
    : notFound(noun, id);
}
