// Merging two entities that turn out to be one: everything that names the merged entity is moved
// to the survivor in one transaction, and every item whose references changed gets its own
// revision, so the change feed tells a dashboard exactly which claims and events to re-read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { articlesNaming, recomputeMentions, reindexClaims } from '../annotations/derived.js';
import { refreshEntityStats } from '../annotations/entity-stats.js';
import { requireRole } from '../auth/plugin.js';
import type { Db } from '../db/client.js';
import { recordRevision, tombstoneOf } from '../editing/revisions.js';
import type { Expected } from '../editing/service.js';
import { inWriteTransaction } from '../editing/transaction.js';
import { BEARER } from '../editing/routes.js';
import { checkVersion, expectedVersions } from '../editing/versioning.js';
import { errorResponses, idParams, ok } from '../http/common.js';
import { AppError, notFound } from '../http/problem.js';
import { perKeyWriteLimit } from '../http/rate-limit.js';
import { articlesMentioning } from './edits.js';
import { entityMergeSchema, entitySchema, type Entity } from './schema.js';

export interface MergeDeps {
  db: Db;
  entity: (id: string) => Entity | undefined;
  /** The claim and the event as the API shows them: what their revisions record. */
  claimView: (id: string) => unknown;
  eventView: (id: string) => unknown;
}

/** The id an entity was merged into, if its last revision is that merge. */
export function survivorOf(db: Db, id: string): string | undefined {
  const tombstone = tombstoneOf(db, 'entities', id);
  return tombstone?.action === 'merge' ? (tombstone.after as { merged_into: string }).merged_into : undefined;
}

export const mergeRoutes: FastifyPluginAsyncZod<MergeDeps & { writeLimit: { max: number; windowMs: number } }> = async (app, o) => {
  app.post('/:id/merge', {
    config: perKeyWriteLimit(o.writeLimit.max, o.writeLimit.windowMs), preHandler: requireRole('editor'),
    schema: {
      operationId: 'mergeEntity', tags: ['entities'], security: BEARER, summary: 'Merge an entity into another',
      description: 'For two entities that turn out to be one. Needs an editor key and If-Match with the ETag of the entity ' +
        'merged away. In one transaction its name and aliases, mentions, claims (as claimant, via or subject) and event ' +
        'participations move to the survivor (`into`); every claim and event changed gets a new version and a revision. ' +
        'The merged id then answers 308 with the survivor as Location; its history stays at its own path.',
      params: idParams('volodymyr-zelenskyy'), body: entityMergeSchema,
      response: {
        200: ok(entitySchema, 'The survivor as it is now.'),
        ...errorResponses(400, 401, 403, 404, 410, 412, 415, 422, 428, 429),
      },
    },
  }, async (request) => mergeEntity(o, request.principal!.name, request.params.id, request.body.into, expectedVersions(request)));
};

const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);

export function mergeEntity(deps: MergeDeps, actor: string, id: string, into: string, expected: Expected): Entity {
  const { db } = deps;
  return inWriteTransaction(db, () => {
    const merged = mergedEntity(deps, id);
    checkVersion(expected, merged.version, 'entity');
    const survivor = survivorEntity(deps, id, into);
    const claimIds = ids(db.prepare(`SELECT id FROM claims WHERE claimant_id = :id UNION SELECT claim_id FROM claim_via
      WHERE entity_id = :id UNION SELECT claim_id FROM claim_entities WHERE entity_id = :id`).all({ id }));
    const eventIds = ids(db.prepare(`SELECT event_id AS id FROM event_participants WHERE entity_id = :id
      UNION SELECT event_id FROM event_locations WHERE entity_id = :id`).all({ id }));
    const views = { claims: claimIds.map(deps.claimView), events: eventIds.map(deps.eventView) };
    const articles = [
      ...articlesMentioning(db, id), ...articlesNaming(db, [merged.name, ...merged.aliases]),
      ...(db.prepare('SELECT article_id FROM mention_hints WHERE entity_id = ?').pluck().all(id) as string[]),
    ];

    moveReferences(db, id, into, claimIds);
    const aliases = [...new Set([...survivor.aliases, merged.name, ...merged.aliases])].filter((a) => a !== survivor.name);
    db.prepare('UPDATE entities SET aliases = ?, version = version + 1 WHERE id = ?').run(JSON.stringify(aliases), into);
    db.prepare('DELETE FROM mentions WHERE entity_id = ?').run(id);
    reindexClaims(db, claimIds);
    db.prepare('DELETE FROM entities WHERE id = ?').run(id);
    recomputeMentions(db, articles);
    refreshEntityStats(db, [into]);

    recordRevision(db, { resource: 'entities', id, action: 'merge', version: merged.version, actor, before: merged, after: { merged_into: into } });
    const after = deps.entity(into)!;
    recordUpdate(db, actor, 'entities', into, survivor, () => after);
    claimIds.forEach((claimId, i) => recordUpdate(db, actor, 'claims', claimId, views.claims[i], deps.claimView, true));
    eventIds.forEach((eventId, i) => recordUpdate(db, actor, 'events', eventId, views.events[i], deps.eventView, true));
    return after;
  });
}

/** An `update` revision for an item the merge changed, bumping its version first when asked. */
function recordUpdate(
  db: Db, actor: string, resource: 'entities' | 'claims' | 'events', id: string, before: unknown,
  view: (id: string) => unknown, bump = false,
): void {
  if (bump) db.prepare(`UPDATE ${resource} SET version = version + 1 WHERE id = ?`).run(id);
  const version = db.prepare(`SELECT version FROM ${resource} WHERE id = ?`).pluck().get(id) as number;
  recordRevision(db, { resource, id, action: 'update', version, actor, before, after: view(id) });
}

/** The entity being merged away: it must be live (404 unknown, 410 deleted or already merged). */
function mergedEntity({ db, entity }: MergeDeps, id: string): Entity {
  const found = entity(id);
  if (found) return found;
  const survivor = survivorOf(db, id);
  if (survivor) {
    throw new AppError('gone', `The entity "${id}" was already merged into "${survivor}".`, undefined, { location: `/v1/entities/${survivor}` });
  }
  if (tombstoneOf(db, 'entities', id)) throw new AppError('gone', `The entity "${id}" was deleted; restore it before merging it.`);
  throw notFound('entity', id);
}

/** The survivor named in the body: a 422 on `into` unless it is another live entity. */
function survivorEntity({ db, entity }: MergeDeps, id: string, into: string): Entity {
  const found = entity(into);
  const merged = survivorOf(db, into);
  const problem = into === id ? 'is the entity being merged: an entity cannot be merged into itself'
    : found ? undefined
      : merged ? `the entity "${into}" was itself merged into "${merged}": merge into that one`
        : tombstoneOf(db, 'entities', into) ? `the entity "${into}" was deleted: restore it first`
          : `no entity has the id "${into}"`;
  if (problem) throw new AppError('unprocessable', `Cannot merge "${id}" into "${into}": ${problem}.`, [{ in: 'body', name: 'into', message: problem }]);
  return found!;
}

/**
 * Points every claim and event reference at the survivor. Where the survivor is already there in
 * the same place (the same role, or earlier in a via chain) the merged entity's row is dropped.
 */
function moveReferences(db: Db, from: string, to: string, claimIds: string[]): void {
  db.prepare('UPDATE claims SET claimant_id = ? WHERE claimant_id = ?').run(to, from);
  const chainOf = db.prepare('SELECT entity_id FROM claim_via WHERE claim_id = ? ORDER BY position').pluck();
  const insertVia = db.prepare('INSERT INTO claim_via (claim_id, position, entity_id) VALUES (?, ?, ?)');
  for (const claimId of claimIds) {
    const chain = chainOf.all(claimId) as string[];
    if (!chain.includes(from)) continue;
    db.prepare('DELETE FROM claim_via WHERE claim_id = ?').run(claimId);
    [...new Set(chain.map((e) => (e === from ? to : e)))].forEach((entityId, i) => insertVia.run(claimId, i, entityId));
  }
  for (const [table, owner, same] of [
    ['claim_entities', 'claim_id', 'AND s.role = t.role'],
    ['event_participants', 'event_id', 'AND s.role = t.role'],
    ['event_locations', 'event_id', ''],
  ] as const) {
    db.prepare(`DELETE FROM ${table} AS t WHERE t.entity_id = :from AND EXISTS
      (SELECT 1 FROM ${table} s WHERE s.${owner} = t.${owner} AND s.entity_id = :to ${same})`).run({ from, to });
    db.prepare(`UPDATE ${table} SET entity_id = :to WHERE entity_id = :from`).run({ from, to });
  }
  db.prepare('UPDATE mention_hints SET entity_id = ? WHERE entity_id = ?').run(to, from);
}
