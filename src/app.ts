// buildApp: the whole API surface at a glance. It takes its dependencies and returns an
// un-listened Fastify instance, so tests and the server build the same thing.
import compress from '@fastify/compress';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createArticleRepository } from './articles/repository.js';
import { articleRoutes } from './articles/routes.js';
import { annotationRoutes } from './articles/annotations.js';
import { annotateRoutes } from './articles/annotate.js';
import { articleStore } from './articles/edits.js';
import { articleCreateSchema, articleDetailSchema, articlePatchSchema, type ArticleCreate } from './articles/schema.js';
import { createAnnotationRepository } from './articles/annotations-repository.js';
import { createClaimRepository } from './claims/repository.js';
import { claimRoutes } from './claims/routes.js';
import { claimStore } from './claims/edits.js';
import { claimRelationRoutes, relationKey, relationStore } from './claims/relations-edits.js';
import { claimCreateSchema, claimDetailSchema, claimPatchSchema, type ClaimCreate } from './claims/schema.js';
import { defaultConfig, type Config } from './config.js';
import { createConflictRepository } from './conflicts/repository.js';
import { conflictRoutes } from './conflicts/routes.js';
import type { Db } from './db/client.js';
import { createEntityRepository } from './entities/repository.js';
import { entityRoutes } from './entities/routes.js';
import { entityStore } from './entities/edits.js';
import { mergeRoutes } from './entities/merge.js';
import { entityCreateSchema, entityPatchSchema, entitySchema, type EntityCreate } from './entities/schema.js';
import { createEventRepository } from './events/repository.js';
import { eventRoutes } from './events/routes.js';
import { eventStore } from './events/edits.js';
import { eventCreateSchema, eventPatchSchema, eventSchema, type EventCreate } from './events/schema.js';
import { createFigureRepository } from './figures/repository.js';
import { figureRoutes } from './figures/routes.js';
import { registerCaching } from './http/caching.js';
import { registerCors } from './http/cors.js';
import { registerErrorHandlers } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { registerNextLinks } from './http/links.js';
import { registerOpenApi } from './http/openapi.js';
import { registerRateLimit } from './http/rate-limit.js';
import { createSearchRepository } from './search/repository.js';
import { searchRoutes } from './search/routes.js';
import { createTimelineRepository } from './timeline/repository.js';
import { timelineRoutes } from './timeline/routes.js';
import { createTopicRepository } from './topics/repository.js';
import { topicStore } from './topics/edits.js';
import { topicCreateSchema, topicPatchSchema, topicSchema, type TopicCreate } from './topics/schema.js';
import { registerAuth } from './auth/plugin.js';
import { createChangeRepository } from './changes/repository.js';
import { changeRoutes } from './changes/routes.js';
import { editRoutes, type EditRouteOptions } from './editing/routes.js';
import { editingService, type EditableStore } from './editing/service.js';
import { topicRoutes } from './topics/routes.js';

export interface AppDeps {
  /** Everything but the log level may be left out: it then takes the default the server runs with. */
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, OptionalSetting>>;
  db: Db;
}

type OptionalSetting =
  | 'corsOrigins' | 'cacheMaxAgeSeconds' | 'rateLimitMax' | 'rateLimitWindowMs' | 'trustProxy' | 'conflictWindowDays'
  | 'readAccess' | 'writeRateLimitMax' | 'changesPollMs' | 'publicUrl' | 'validateResponses';

/** API keys must never reach a log, whatever a serializer or a debug line decides to print. */
export const loggerOptions = (level: string) => ({
  level,
  redact: { paths: ['req.headers.authorization', 'headers.authorization', 'request.headers.authorization'], censor: '[redacted]' },
});

export async function buildApp({ config: given, db }: AppDeps): Promise<FastifyInstance> {
  const config = { ...defaultConfig(), ...given };
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    // The access log's two lines per request carry the same name the problem body and header use.
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    // Client IPs (rate limits, logs) come from X-Forwarded-For only through the proxies trusted here.
    trustProxy: config.trustProxy,
    // A caller's x-request-id is kept (and echoed), so a newsroom can trace one request across systems.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Responses are built from typed rows, so in production they are written as they are; tests (and
  // RESPONSE_VALIDATION=on) check each one against its zod schema, where a drift from the contract shows.
  app.setSerializerCompiler(config.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandlers(app);
  // Before the rate limit, so preflights are never counted and a 429 still reaches the page's script.
  await registerCors(app, config.corsOrigins);
  await registerRateLimit(app, {
    max: config.rateLimitMax, windowMs: config.rateLimitWindowMs, exempt: ['/health', '/docs', '/openapi.json'],
  });
  registerCaching(app, { db, maxAgeSeconds: config.cacheMaxAgeSeconds, noStore: ['/health'] });
  registerNextLinks(app);
  // Lists run to hundreds of KB; gzip or br (quality 4, fast) above 1 KB when the client accepts it.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await registerOpenApi(app);
  registerAuth(app, db, config.readAccess);
  const writeLimit = { max: config.writeRateLimitMax, windowMs: config.rateLimitWindowMs };
  /** The write routes of one resource (src/editing/routes.ts), on its store. */
  const editable = <Item extends { id: string; version: number }, Create, Patch, Snapshot>(
    store: EditableStore<Item, Create, Patch, Snapshot>,
    options: Omit<EditRouteOptions, 'db' | 'writeLimit' | 'service' | 'resource'> & { prefix: string },
  ) => app.register(editRoutes, { ...options, db, writeLimit, resource: store.resource, service: editingService(db, store) });

  await app.register(healthRoutes, { db });
  const claims = createClaimRepository(db);
  const articles = createArticleRepository(db);
  await app.register(articleRoutes, { prefix: '/v1/articles', articles, db });
  await editable(articleStore(db, articles.get), {
    prefix: '/v1/articles', Noun: 'Article', tag: 'articles', exampleId: 'kh-2024-11-25-nk-casualties', itemSchema: articleDetailSchema,
    createSchema: articleCreateSchema, patchSchema: articlePatchSchema, slugSource: (a: ArticleCreate) => a.title,
  });
  await app.register(claimRoutes, { prefix: '/v1/claims', claims, articles, publicUrl: config.publicUrl ?? '', db });
  await editable(claimStore(db, claims.get), {
    prefix: '/v1/claims', Noun: 'Claim', tag: 'claims', exampleId: 'jad1120-nis-11000-troops-to-kursk-late-october', itemSchema: claimDetailSchema,
    createSchema: claimCreateSchema, patchSchema: claimPatchSchema, slugSource: (c: ClaimCreate) => c.text,
  });
  await app.register(claimRelationRoutes, { prefix: '/v1/claims', db, writeLimit });
  const entities = createEntityRepository(db);
  const events = createEventRepository(db);
  await app.register(entityRoutes, { prefix: '/v1/entities', entities, db });
  await editable(entityStore(db, entities.get), {
    prefix: '/v1/entities', Noun: 'Entity', tag: 'entities', exampleId: 'nis', itemSchema: entitySchema,
    createSchema: entityCreateSchema, patchSchema: entityPatchSchema, slugSource: (e: EntityCreate) => e.name,
  });
  await app.register(mergeRoutes, {
    prefix: '/v1/entities', db, entity: entities.get, claimView: claims.get, eventView: events.get, writeLimit,
  });
  await app.register(eventRoutes, { prefix: '/v1/events', events, db });
  await editable(eventStore(db, events.get), {
    prefix: '/v1/events', Noun: 'Event', tag: 'events', exampleId: 'nk-special-forces-shipped-to-vladivostok', itemSchema: eventSchema,
    createSchema: eventCreateSchema, patchSchema: eventPatchSchema, slugSource: (e: EventCreate) => e.title,
  });
  const topics = createTopicRepository(db);
  await app.register(topicRoutes, { prefix: '/v1/topics', topics, db });
  await editable(topicStore(db, topics.get), {
    prefix: '/v1/topics', Noun: 'Topic', tag: 'topics', exampleId: 'nk-casualties', itemSchema: topicSchema,
    createSchema: topicCreateSchema, patchSchema: topicPatchSchema, slugSource: (t: TopicCreate) => t.question,
  });
  await app.register(figureRoutes, { prefix: '/v1/topics', figures: createFigureRepository(db) });
  await app.register(annotationRoutes, { prefix: '/v1/articles', annotations: createAnnotationRepository(db), db, publicUrl: config.publicUrl ?? '' });
  await app.register(annotateRoutes, {
    prefix: '/v1/articles', db, writeLimit, relations: { id: relationKey, view: relationStore(db).get },
    views: { entities: entities.get, topics: topics.get, events: events.get, claims: claims.get },
  });
  await app.register(conflictRoutes, {
    prefix: '/v1/conflicts', conflicts: createConflictRepository(db, claims), windowDays: config.conflictWindowDays,
  });
  await app.register(timelineRoutes, { prefix: '/v1/timeline', timeline: createTimelineRepository(db) });
  await app.register(searchRoutes, { prefix: '/v1/search', search: createSearchRepository(db) });
  await app.register(changeRoutes, { prefix: '/v1/changes', changes: createChangeRepository(db), pollMs: config.changesPollMs });
  return app;
}
