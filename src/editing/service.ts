// The rules every editable resource shares: ids are unique forever (a deleted id stays taken until
// it is restored), every change checks the version it was made against, writes its revision in
// the same transaction, and a delete keeps a snapshot the restore re-inserts.
import type { Db } from '../db/client.js';
import { AppError, notFound } from '../http/problem.js';
import { recordRevision, tombstoneOf, type Resource } from './revisions.js';
import { inWriteTransaction } from './transaction.js';
import { checkVersion } from './versioning.js';

/** What a resource plugs in: plain SQL on its own tables, run inside the service's transaction. */
export interface EditableStore<Item extends { id: string; version: number }, Create, Patch, Snapshot = Item> {
  resource: Resource;
  /** The resource named in messages: "claim", "entity". */
  noun: string;
  get(id: string): Item | undefined;
  /** Checks references and inserts; throws AppError('unprocessable') naming a bad field. */
  insert(id: string, input: Create): void;
  update(id: string, patch: Patch, current: Item): void;
  /** Why the item cannot be deleted now (live references to it), or undefined. */
  blockers?(id: string): string | undefined;
  /** Everything restore needs, taken before the rows go. */
  snapshot(item: Item): Snapshot;
  remove(id: string): void;
  restore(snapshot: Snapshot): void;
  setVersion(id: string, version: number): void;
}

export type Expected = number[] | '*';

export function editingService<Item extends { id: string; version: number }, Create, Patch, Snapshot>(
  db: Db, store: EditableStore<Item, Create, Patch, Snapshot>,
) {
  const { resource, noun } = store;
  const live = (id: string): Item => {
    const item = store.get(id);
    if (item) return item;
    const tombstone = tombstoneOf(db, resource, id);
    if (tombstone?.action === 'merge') {
      const into = (tombstone.after as { merged_into?: string } | null)?.merged_into;
      throw new AppError('gone', `The ${noun} "${id}" was merged into "${into}": edit that one.`, undefined,
        into ? { location: `/v1/${resource}/${into}` } : undefined);
    }
    if (tombstone) throw new AppError('gone', `The ${noun} "${id}" was deleted; an admin can restore it.`);
    throw notFound(noun, id);
  };
  return {
    create(actor: string, id: string, input: Create): Item {
      return inWriteTransaction(db, () => {
        if (store.get(id) || tombstoneOf(db, resource, id)) {
          throw new AppError('conflict', `The ${noun} id "${id}" is already taken.`, undefined, { existing_id: id });
        }
        store.insert(id, input);
        const created = store.get(id)!;
        recordRevision(db, { resource, id, action: 'create', version: created.version, actor, before: null, after: created });
        return created;
      });
    },
    update(actor: string, id: string, expected: Expected, patch: Patch): Item {
      return inWriteTransaction(db, () => {
        const before = live(id);
        checkVersion(expected, before.version, noun);
        store.update(id, patch, before);
        store.setVersion(id, before.version + 1);
        const after = store.get(id)!;
        recordRevision(db, { resource, id, action: 'update', version: after.version, actor, before, after });
        return after;
      });
    },
    remove(actor: string, id: string, expected: Expected): void {
      inWriteTransaction(db, () => {
        const before = live(id);
        checkVersion(expected, before.version, noun);
        const blocker = store.blockers?.(id);
        if (blocker) throw new AppError('conflict', `The ${noun} "${id}" cannot be deleted: ${blocker}.`);
        const snapshot = store.snapshot(before);
        store.remove(id);
        recordRevision(db, { resource, id, action: 'delete', version: before.version, actor, before: snapshot, after: null });
      });
    },
    restore(actor: string, id: string): Item {
      return inWriteTransaction(db, () => {
        const tombstone = tombstoneOf(db, resource, id);
        if (!tombstone) {
          if (store.get(id)) throw new AppError('conflict', `The ${noun} "${id}" is not deleted.`, undefined, { existing_id: id });
          throw notFound(noun, id);
        }
        if (tombstone.action === 'merge') {
          throw new AppError('conflict', `The ${noun} "${id}" was merged into another; a merge cannot be undone by restore.`);
        }
        store.restore(tombstone.before as Snapshot);
        store.setVersion(id, tombstone.version + 1);
        const restored = store.get(id)!;
        recordRevision(db, { resource, id, action: 'restore', version: restored.version, actor, before: null, after: restored });
        return restored;
      });
    },
    /** For GET: the live item, or 410 for a deleted one, or 404. */
    read: live,
  };
}

export type EditingService<Item extends { id: string; version: number }, Create, Patch, Snapshot> =
  ReturnType<typeof editingService<Item, Create, Patch, Snapshot>>;
