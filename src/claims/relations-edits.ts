// Relations between claims, editable on the editing core. A relation is named by its two claims and
// its type, so its resource id in history and the change feed is "<from>~<type>~<to>" (ids are slugs
// and never hold "~"); its routes hang under the claim it starts from:
//   POST /{id}/relations {type, claim_id, note?}   this claim <type> that one (editor)
//   GET, PATCH {note}, DELETE /{id}/relations/{type}/{other}   (PATCH and DELETE: editor, If-Match)
//   POST .../restore (admin)   GET .../history
// Adding a relation that was deleted brings that one back (a restore, then its note), so its history
// and version go on instead of starting over.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RELATION_TYPES } from '../annotations/schema.js';
import { requireRole } from '../auth/plugin.js';
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import { rejectMalformedText } from '../editing/ids.js';
import { historyOf, missing, tombstoneOf } from '../editing/revisions.js';
import { BEARER } from '../editing/routes.js';
import { revisionListSchema } from '../editing/schema.js';
import { editingService, type EditableStore } from '../editing/service.js';
import { inWriteTransaction } from '../editing/transaction.js';
import { expectedVersions } from '../editing/versioning.js';
import { errorResponses, idSchema, ok } from '../http/common.js';
import { AppError, notFound } from '../http/problem.js';
import { perKeyWriteLimit } from '../http/rate-limit.js';
import { exists } from './references.js';
import { relationCreateSchema, relationItemSchema, relationPatchSchema, type Relation, type RelationPatch } from './schema.js';

type RelationEnds = Omit<Relation, 'id' | 'version'>;

export const relationKey = (r: Pick<Relation, 'from' | 'type' | 'to'>) => `${r.from}~${r.type}~${r.to}`;

const WHERE = 'from_claim_id = ? AND type = ? AND to_claim_id = ?';
const INSERT = 'INSERT INTO claim_relations (from_claim_id, type, to_claim_id, note) VALUES (?, ?, ?, ?)';

function requireOtherClaim(db: Db, to: string): void {
  if (!exists(db, 'claim', to)) {
    throw new AppError('unprocessable', `There is no claim "${to}" to relate to.`, [{ in: 'body', name: 'claim_id', message: `there is no claim "${to}"` }]);
  }
}

export function relationStore(db: Db): EditableStore<Relation, RelationEnds, RelationPatch> {
  const ends = (key: string) => key.split('~');
  return {
    resource: 'relations', noun: 'relation',
    get(key) {
      const row = cached(db, `SELECT from_claim_id AS "from", type, to_claim_id AS "to", note, version FROM claim_relations
        WHERE ${WHERE}`).get(...ends(key)) as Omit<Relation, 'id'> | undefined;
      return row && { id: key, ...row };
    },
    insert(_key, r) {
      requireOtherClaim(db, r.to);
      cached(db, INSERT).run(r.from, r.type, r.to, r.note);
    },
    update: (key, patch) => cached(db, `UPDATE claim_relations SET note = ? WHERE ${WHERE}`).run(patch.note, ...ends(key)),
    snapshot: (relation) => relation,
    remove: (key) => cached(db, `DELETE FROM claim_relations WHERE ${WHERE}`).run(...ends(key)),
    restore(r) {
      const deleted = [r.from, r.to].find((id) => !exists(db, 'claim', id));
      if (deleted) throw new AppError('conflict', `The relation "${r.id}" cannot be restored: claim "${deleted}" is deleted; restore it first.`);
      cached(db, INSERT).run(r.from, r.type, r.to, r.note);
    },
    setVersion: (key, version) => cached(db, `UPDATE claim_relations SET version = ? WHERE ${WHERE}`).run(version, ...ends(key)),
  };
}

const EXAMPLE = { from: 'jad1120-nis-11000-troops-to-kursk-late-october', type: 'updates' as const, to: 'kh1125-nis-10900-troops-due' };
const claimParams = z.strictObject({ id: idSchema.describe('The claim the relation starts from.').meta({ example: EXAMPLE.from }) });
const relationParams = claimParams.extend({
  type: z.enum(RELATION_TYPES).describe('How the claim relates to the other: it corroborates, contradicts, updates or repeats it.')
    .meta({ example: EXAMPLE.type }),
  other: idSchema.describe('The claim at the other end.').meta({ example: EXAMPLE.to }),
});
type RelationPath = z.infer<typeof relationParams>;

export const claimRelationRoutes: FastifyPluginAsyncZod<{ db: Db; writeLimit: { max: number; windowMs: number } }> = async (app, { db, writeLimit }) => {
  const store = relationStore(db);
  const service = editingService(db, store);
  const config = perKeyWriteLimit(writeLimit.max, writeLimit.windowMs);
  const tags = ['claims'];
  const keyIn = ({ id, type, other }: RelationPath) => relationKey({ from: id, type, to: other });
  /** The relation's key, once both claims in the path are there (else 404, or 410 for a deleted one). */
  const keyOf = (path: RelationPath) => {
    for (const claim of [path.id, path.other]) if (!exists(db, 'claim', claim)) throw missing(db, 'claims', 'claim', claim);
    return keyIn(path);
  };
  app.addHook('preValidation', rejectMalformedText);

  app.post('/:id/relations', {
    config, preHandler: requireRole('editor'),
    schema: {
      operationId: 'createClaimRelation', tags, security: BEARER, summary: 'Relate a claim to another',
      description: 'Needs an editor key. This claim `type` the other ("this updates that"). Answers 201 with the relation, ' +
        'its ETag and Location. Its id in history and the change feed is `<from>~<type>~<to>`. Adding a relation that was ' +
        'deleted brings it back with its history.',
      params: claimParams, body: relationCreateSchema,
      response: { 201: ok(relationItemSchema, 'The new relation.'), ...errorResponses(400, 401, 403, 404, 409, 410, 415, 422, 429) },
    },
  }, async (request, reply) => {
    const { id: from } = request.params;
    const { type, claim_id: to, note } = request.body;
    const actor = request.principal!.name;
    const relation = inWriteTransaction(db, () => {
      if (!exists(db, 'claim', from)) throw missing(db, 'claims', 'claim', from);
      if (to === from) throw new AppError('unprocessable', 'A claim cannot relate to itself.', [{ in: 'body', name: 'claim_id', message: 'is the claim itself' }]);
      requireOtherClaim(db, to);
      const key = relationKey({ from, type, to });
      if (store.get(key)) {
        throw new AppError('conflict', `Claim "${from}" already ${type} "${to}"; change its note with PATCH.`, undefined, { existing_id: key });
      }
      if (!tombstoneOf(db, 'relations', key)) return service.create(actor, key, { from, type, to, note });
      const back = service.restore(actor, key);
      return back.note === note ? back : service.update(actor, key, [back.version], { note });
    });
    reply.code(201).header('location', `${request.url.split('?')[0].replace(/\/$/, '')}/${type}/${to}`);
    return relation;
  });

  app.get('/:id/relations/:type/:other', {
    schema: {
      operationId: 'getClaimRelation', tags, summary: 'One relation between two claims',
      description: 'With its note and version; its ETag is what PATCH and DELETE send in If-Match.',
      params: relationParams,
      response: { 200: ok(relationItemSchema, 'The relation.'), ...errorResponses(400, 404, 410, 429) },
    },
  }, async (request) => service.read(keyOf(request.params)));

  app.patch('/:id/relations/:type/:other', {
    config, preHandler: requireRole('editor'),
    schema: {
      operationId: 'updateClaimRelation', tags, security: BEARER, summary: "Change a relation's note",
      description: 'Needs an editor key and If-Match with the ETag last read. To change its type or claims, delete it and add another.',
      params: relationParams, body: relationPatchSchema,
      response: { 200: ok(relationItemSchema, 'The relation as it is now.'), ...errorResponses(400, 401, 403, 404, 410, 412, 415, 422, 428, 429) },
    },
  }, async (request) => service.update(request.principal!.name, keyOf(request.params), expectedVersions(request), request.body));

  app.delete('/:id/relations/:type/:other', {
    config, preHandler: requireRole('editor'),
    schema: {
      operationId: 'deleteClaimRelation', tags, security: BEARER, summary: 'Delete a relation',
      description: 'Needs an editor key and If-Match. The relation then answers 410; its history keeps it, and adding it again (or an admin restore) brings it back.',
      params: relationParams,
      response: { 204: z.null().describe('Deleted: GET now answers 410.'), ...errorResponses(400, 401, 403, 404, 410, 412, 428, 429) },
    },
  }, async (request, reply) => {
    service.remove(request.principal!.name, keyOf(request.params), expectedVersions(request));
    return reply.code(204).send(null);
  });

  app.post('/:id/relations/:type/:other/restore', {
    config, preHandler: requireRole('admin'),
    schema: {
      operationId: 'restoreClaimRelation', tags, security: BEARER, summary: 'Restore a deleted relation',
      description: 'Needs an admin key. Brings the relation back as it was when deleted, with a new version; both claims must be there.',
      params: relationParams,
      response: { 200: ok(relationItemSchema, 'The restored relation.'), ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
  }, async (request) => service.restore(request.principal!.name, keyIn(request.params)));

  app.get('/:id/relations/:type/:other/history', {
    schema: {
      operationId: 'getClaimRelationHistory', tags, summary: 'Every change to a relation, oldest first',
      description: 'Who changed what and when. A relation that went with a deleted claim keeps its history here; the claim\'s delete revision lists it.',
      params: relationParams,
      response: { 200: ok(revisionListSchema, 'The revisions.'), ...errorResponses(400, 404, 429) },
    },
  }, async (request) => {
    const key = keyIn(request.params);
    const revisions = historyOf(db, 'relations', key);
    if (revisions.length === 0 && !store.get(key)) throw notFound('relation', key);
    return { data: revisions, next_cursor: null };
  });
};
