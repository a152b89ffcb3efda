// POST /v1/articles/{id}/annotations: a whole annotation document in the seed format, applied to one
// stored article all or nothing, checked by the seed loader's own checks (src/annotations/resolve.ts)
// against what the database and the document define together.
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { articlesNaming, recomputeMentions, reindexClaims } from '../annotations/derived.js';
import { refreshEntityStats } from '../annotations/entity-stats.js';
import { AnnotationError, resolveDocument, type ArticleDocument, type Existing } from '../annotations/resolve.js';
import { annotationFileSchema, type RelationInput } from '../annotations/schema.js';
import { insertCorpus } from '../annotations/store.js';
import { requireRole } from '../auth/plugin.js';
import type { Db } from '../db/client.js';
import { rejectMalformedText } from '../editing/ids.js';
import { missing, recordRevision, tombstoneOf, type Resource } from '../editing/revisions.js';
import { BEARER } from '../editing/routes.js';
import { inWriteTransaction } from '../editing/transaction.js';
import { errorResponses, idParams, ok } from '../http/common.js';
import { AppError } from '../http/problem.js';
import { perKeyWriteLimit } from '../http/rate-limit.js';
import { annotationImportSchema, type AnnotationImport } from './schema.js';

type Section = 'entities' | 'topics' | 'events' | 'claims';
type View = (id: string) => { version: number } | undefined;

export interface AnnotateRouteOptions {
  db: Db;
  writeLimit: { max: number; windowMs: number };
  /** Each kind of item as its GET serves it: what its create revision records as `after`. */
  views: Record<Section, View>;
  /** How the relations resource names and serves a relation, for its create revision. */
  relations: { id: (relation: RelationInput) => string; view: View };
}

const documentSchema = annotationFileSchema.meta({
  id: 'AnnotationDocument',
  description: 'An annotation document in the seed format (seed/ANNOTATING.md), as JSON. Every section is optional.',
});

// The document is checked by the loader's validator in the handler, so a broken one gets the
// loader's messages, every problem at once, as a 422; only the path is checked up front.
const pathOnly: FastifySchemaCompiler<unknown> = (route) =>
  (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler({ ...route, schema: route.schema as z.ZodType }));

export const annotateRoutes: FastifyPluginAsyncZod<AnnotateRouteOptions> = async (app, o) => {
  app.addHook('preValidation', rejectMalformedText);

  app.post('/:id/annotations', {
    config: perKeyWriteLimit(o.writeLimit.max, o.writeLimit.windowMs),
    preHandler: requireRole('editor'),
    validatorCompiler: pathOnly,
    schema: {
      operationId: 'annotateArticle', tags: ['articles'], security: BEARER,
      summary: "Add a whole annotation document to an article",
      description: 'Needs an editor key. Takes an annotation document in the seed format (entities, topics, events, ' +
        'mentions, claims, relations; an `article` section, if sent, must name this article and is otherwise ignored) ' +
        "and applies it all or nothing: claim quotes are anchored in this article's body, and references may point at " +
        'ids in the database or in the document. Every problem is reported at once as a 422 whose `errors` name the ' +
        'item (`claims.2.topic`) with the seed loader\'s message; ids that already exist, even deleted ones, are among them.',
      params: idParams('kh-2024-11-25-nk-casualties'),
      body: documentSchema,
      response: { 201: ok(annotationImportSchema, 'What was added.'), ...errorResponses(400, 401, 403, 404, 410, 415, 422, 429) },
    },
  }, async (request, reply) => {
    const result = inWriteTransaction(o.db, () => annotate(o, request.params.id, request.body as unknown, request.principal!.name));
    return reply.code(201).send(result);
  });
};

function annotate(o: AnnotateRouteOptions, articleId: string, data: unknown, actor: string): AnnotationImport {
  const { db } = o;
  const article = db.prepare('SELECT id, body FROM articles WHERE id = ?').get(articleId) as { id: string; body: string } | undefined;
  if (!article) throw missing(db, 'articles', 'article', articleId);
  const doc = checked(() => resolveDocument(data, article, existingIn(db, articleId, o.relations.id)));
  const total = doc.entities.length + doc.topics.length + doc.events.length + doc.hints.length + doc.claims.length + doc.relations.length;
  if (total === 0) throw new AppError('unprocessable', 'The document adds nothing: send at least one entity, topic, event, mention, claim or relation.');

  insertCorpus(db, { ...doc, articles: [], mentions: [] });
  const hint = db.prepare('INSERT INTO mention_hints (article_id, entity_id, text) VALUES (?, ?, ?)');
  for (const h of doc.hints) hint.run(articleId, h.entity, h.text);
  const newNames = doc.entities.flatMap((e) => [e.name, ...e.aliases]);
  recomputeMentions(db, [articleId, ...articlesNaming(db, newNames)]);
  reindexClaims(db, doc.claims.map((c) => c.id));
  refreshEntityStats(db, doc.entities.map((e) => e.id));

  const ids = idsOf(o, doc);
  for (const resource of ['entities', 'topics', 'events', 'claims', 'relations'] as const) {
    const view = resource === 'relations' ? o.relations.view : o.views[resource];
    for (const id of ids[resource]) {
      const after = view(id);
      recordRevision(db, { resource, id, action: 'create', version: after?.version ?? 1, actor, before: null, after: after ?? null });
    }
  }
  const counts = Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, v.length])) as Record<keyof typeof ids, number>;
  return { article_id: articleId, created: { ...counts, mentions: doc.hints.length }, ids };
}

function idsOf(o: AnnotateRouteOptions, doc: ArticleDocument): AnnotationImport['ids'] {
  const of = (items: { id: string }[]) => items.map((item) => item.id);
  return {
    entities: of(doc.entities), topics: of(doc.topics), events: of(doc.events), claims: of(doc.claims),
    relations: doc.relations.map(o.relations.id),
  };
}

/** The loader's problems as a 422 naming each item: the document, not the request, is what has to be fixed. */
function checked<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof AnnotationError)) throw error;
    throw new AppError('unprocessable', `The document has ${error.located.length} problem(s); nothing was applied.`,
      error.located.map((p) => ({ in: 'body' as const, name: p.at || '(whole)', message: p.message })));
  }
}

function existingIn(db: Db, articleId: string, relationId: (r: RelationInput) => string): Existing {
  const live = (section: Section) => {
    const statement = db.prepare(`SELECT 1 FROM ${section} WHERE id = ?`);
    return (id: string) => statement.get(id) !== undefined;
  };
  const known = { entities: live('entities'), topics: live('topics'), events: live('events'), claims: live('claims') };
  const hint = db.prepare('SELECT 1 FROM mention_hints WHERE article_id = ? AND text = ?');
  const relation = db.prepare('SELECT 1 FROM claim_relations WHERE from_claim_id = ? AND type = ? AND to_claim_id = ?');
  return {
    known,
    taken: (section, id) => (known[section](id) ? 'live' : tombstoneOf(db, section as Resource, id) ? 'deleted' : undefined),
    hasHint: (text) => hint.get(articleId, text) !== undefined,
    relationTaken: (r) => (relation.get(r.from, r.type, r.to) ? 'live' : tombstoneOf(db, 'relations', relationId(r)) ? 'deleted' : undefined),
  };
}

