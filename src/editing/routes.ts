// The write routes every editable resource has, registered per resource in src/app.ts:
//   POST /           create (editor)          PATCH /{id}        change fields (editor, If-Match)
//   DELETE /{id}     delete (editor, If-Match) POST /{id}/restore undo a delete (admin)
//   GET /{id}/history  every revision of the item, oldest first
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/plugin.js';
import type { Db } from '../db/client.js';
import { errorResponses, idParams, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import { perKeyWriteLimit } from '../http/rate-limit.js';
import { rejectMalformedText, slugify, uniqueId } from './ids.js';
import { historyOf, tombstoneOf, type Resource } from './revisions.js';
import { revisionListSchema } from './schema.js';
import type { EditingService } from './service.js';
import { expectedVersions } from './versioning.js';

export interface EditRouteOptions {
  db: Db;
  resource: Resource;
  /** "Topic": used in operation ids (createTopic) and summaries. */
  Noun: string;
  tag: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  service: EditingService<any, any, any, any>;
  itemSchema: z.ZodType;
  createSchema: z.ZodType<{ id?: string }>;
  patchSchema: z.ZodType;
  /** What a generated id is made from, when a create gives none. */
  slugSource: (input: never) => string;
  exampleId: string;
  writeLimit: { max: number; windowMs: number };
}

export const BEARER = [{ bearerAuth: [] }];

export const editRoutes: FastifyPluginAsyncZod<EditRouteOptions> = async (app, o) => {
  const noun = o.Noun.toLowerCase();
  const config = perKeyWriteLimit(o.writeLimit.max, o.writeLimit.windowMs);
  const exists = (id: string) => {
    try {
      o.service.read(id);
      return true;
    } catch {
      return false;
    }
  };
  const taken = (id: string) => exists(id) || tombstoneOf(o.db, o.resource, id) !== undefined;
  app.addHook('preValidation', rejectMalformedText);

  app.post('', {
    config, preHandler: requireRole('editor'),
    schema: {
      operationId: `create${o.Noun}`, tags: [o.tag], security: BEARER, summary: `Create a ${noun}`,
      description: `Needs an editor key. Without an \`id\`, one is made from the ${noun}'s text. Answers 201 with the ${noun}, its ETag and Location.`,
      body: o.createSchema,
      response: { 201: ok(o.itemSchema, `The new ${noun}.`), ...errorResponses(400, 401, 403, 409, 415, 422, 429) },
    },
  }, async (request, reply) => {
    const input = request.body as { id?: string };
    const id = input.id ?? uniqueId(slugify(o.slugSource(input as never)), taken);
    const created = o.service.create(request.principal!.name, id, input);
    reply.code(201).header('location', `${request.url.replace(/\/$/, '')}/${id}`);
    return created;
  });

  app.patch('/:id', {
    config, preHandler: requireRole('editor'),
    schema: {
      operationId: `update${o.Noun}`, tags: [o.tag], security: BEARER, summary: `Change a ${noun}'s fields`,
      description: 'Needs an editor key and If-Match with the ETag last read. Only the fields sent change.',
      params: idParams(o.exampleId), body: o.patchSchema,
      response: { 200: ok(o.itemSchema, `The ${noun} as it is now.`), ...errorResponses(400, 401, 403, 404, 409, 410, 412, 415, 422, 428, 429) },
    },
  }, async (request) => o.service.update(request.principal!.name, request.params.id, expectedVersions(request), request.body));

  app.delete('/:id', {
    config, preHandler: requireRole('editor'),
    schema: {
      operationId: `delete${o.Noun}`, tags: [o.tag], security: BEARER, summary: `Delete a ${noun}`,
      description: `Needs an editor key and If-Match. The ${noun} then answers 410; its history keeps it and an admin can restore it.`,
      params: idParams(o.exampleId),
      response: { 204: z.null().describe('Deleted: GET now answers 410.'), ...errorResponses(400, 401, 403, 404, 409, 410, 412, 428, 429) },
    },
  }, async (request, reply) => {
    o.service.remove(request.principal!.name, request.params.id, expectedVersions(request));
    return reply.code(204).send(null);
  });

  app.post('/:id/restore', {
    config, preHandler: requireRole('admin'),
    schema: {
      operationId: `restore${o.Noun}`, tags: [o.tag], security: BEARER, summary: `Restore a deleted ${noun}`,
      description: 'Needs an admin key. Brings the item back as it was when deleted, with a new version.',
      params: idParams(o.exampleId),
      response: { 200: ok(o.itemSchema, `The restored ${noun}.`), ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
  }, async (request) => o.service.restore(request.principal!.name, request.params.id));

  app.get('/:id/history', {
    schema: {
      operationId: `get${o.Noun}History`, tags: [o.tag], summary: `Every change to a ${noun}, oldest first`,
      description: 'Who changed what and when: each revision with its actor, time, and the item before and after.',
      params: idParams(o.exampleId),
      response: { 200: ok(revisionListSchema, 'The revisions.'), ...errorResponses(400, 404, 429) },
    },
  }, async (request) => {
    const revisions = historyOf(o.db, o.resource, request.params.id);
    if (revisions.length === 0 && !exists(request.params.id)) throw notFound(noun, request.params.id);
    return { data: revisions, next_cursor: null };
  });
};
