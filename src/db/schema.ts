// Every table of claimtrail. Migrations in migrations/ are generated from this file by drizzle-kit.
// Dates known only to a month or year are stored as written ("2024-10") plus the first and last
// day they cover, so that range filters compare days and an index can serve them.

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    publisher: text('publisher').notNull(),
    authors: text('authors', { mode: 'json' }).$type<string[]>().notNull(),
    url: text('url'),
    language: text('language').notNull(),
    publishedAt: text('published_at'),
    publishedPrecision: text('published_precision'),
    publishedInferred: integer('published_inferred', { mode: 'boolean' }).notNull().default(false),
    publishedBasis: text('published_basis'),
    // First and last day `published_at` covers (a month-precision date covers the month).
    publishedFrom: text('published_from'),
    publishedTo: text('published_to'),
    updatedAt: text('updated_at'),
    updatedPrecision: text('updated_precision'),
    sourceFile: text('source_file'),
    rawText: text('raw_text').notNull(),
    body: text('body').notNull(),
    // Extra page-furniture lines to drop (as in the annotation format), kept so an edit of raw_text re-cleans alike.
    boilerplate: text('boilerplate', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    version: integer('version').notNull().default(1),
  },
  // Undated articles sort first: the index is on the same expression the list orders by.
  (t) => [uniqueIndex('articles_url_unique').on(t.url), index('articles_published_id').on(sql`coalesce(${t.publishedFrom}, '')`, t.id)],
);

export const entities = sqliteTable(
  'entities',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull(),
    description: text('description').notNull(),
    wikidataId: text('wikidata_id'),
    version: integer('version').notNull().default(1),
    // Derived from claims and mentions whenever they change (see src/annotations/entity-stats.ts),
    // so lists can show and sort by them without counting per request.
    claimsMade: integer('claims_made').notNull().default(0),
    claimsAbout: integer('claims_about').notNull().default(0),
    claimCount: integer('claim_count').notNull().default(0),
    articleCount: integer('article_count').notNull().default(0),
    firstSeen: text('first_seen'),
    lastSeen: text('last_seen'),
  },
  (t) => [
    index('entities_kind_id').on(t.kind, t.id),
    index('entities_name_id').on(t.name, t.id),
    index('entities_claim_count_id').on(t.claimCount, t.id),
  ],
);

export const topics = sqliteTable('topics', {
  id: text('id').primaryKey(),
  question: text('question').notNull(),
  unit: text('unit'),
  description: text('description'),
  version: integer('version').notNull().default(1),
});

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    start: text('start').notNull(),
    end: text('end'),
    // First day of `start` and last day of `end` (or of `start` when there is no end).
    startDay: text('start_day').notNull(),
    endDay: text('end_day').notNull(),
    description: text('description'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('events_start_day_id').on(t.startDay, t.id),
    // The longest event's span in one seek: a date filter walking events by first day starts that many
    // days before its first day (db/conditions.ts eventDays), instead of at the first event ever.
    index('events_span').on(sql`(julianday(${t.endDay}) - julianday(${t.startDay}))`),
  ],
);

export const eventLocations = sqliteTable(
  'event_locations',
  {
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    entityId: text('entity_id').notNull().references(() => entities.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.entityId] }), index('event_locations_entity').on(t.entityId)],
);

export const eventParticipants = sqliteTable(
  'event_participants',
  {
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    entityId: text('entity_id').notNull().references(() => entities.id),
    role: text('role').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.entityId, t.role] }),
    index('event_participants_entity').on(t.entityId),
  ],
);

// Every event an entity takes part in (as participant or location), once, with the event's first day:
// like entity_claims, "events involving X, by date" walks one index. Derived, kept by triggers (migration 0007).
export const entityEvents = sqliteTable(
  'entity_events',
  {
    entityId: text('entity_id').notNull(),
    startDay: text('start_day').notNull(),
    eventId: text('event_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.startDay, t.eventId] }), index('entity_events_event').on(t.eventId)],
);

// WITHOUT ROWID (migration 0009, by hand: drizzle cannot say it): read by its key only, stored once.
export const mentions = sqliteTable(
  'mentions',
  {
    articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    entityId: text('entity_id').notNull().references(() => entities.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
  },
  // Mentions never overlap, so where one starts identifies it: a reload yields the same keys.
  (t) => [
    primaryKey({ columns: [t.articleId, t.start] }),
    index('mentions_entity_article').on(t.entityId, t.articleId),
  ],
);

// Surface forms that mean an entity in one article only ("Mr. Kim", "the new partnership"):
// kept so mentions can be found again after an edit exactly as the loader found them.
export const mentionHints = sqliteTable(
  'mention_hints',
  {
    articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    entityId: text('entity_id').notNull().references(() => entities.id),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.text] }), index('mention_hints_entity').on(t.entityId)],
);

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id').notNull().references(() => articles.id),
    text: text('text').notNull(),
    quoteExact: text('quote_exact').notNull(),
    quotePrefix: text('quote_prefix').notNull(),
    quoteSuffix: text('quote_suffix').notNull(),
    quoteStart: integer('quote_start').notNull(),
    quoteEnd: integer('quote_end').notNull(),
    claimantId: text('claimant_id').references(() => entities.id),
    stance: text('stance').notNull(),
    certainty: text('certainty').notNull(),
    claimedOn: text('claimed_on').notNull(),
    // First and last day that `claimed_on` covers: "2024-10" -> 2024-10-01 .. 2024-10-31.
    claimedFrom: text('claimed_from').notNull(),
    claimedTo: text('claimed_to').notNull(),
    topicId: text('topic_id').references(() => topics.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('claims_claimed_from_id').on(t.claimedFrom, t.id),
    // The month and year claims that started before a date filter's first day: one seek each (db/conditions.ts).
    // It also holds every facet column, so counting a date filter's claims by claimant, stance, certainty,
    // topic or article reads the index alone (one month at 1M claims: 46 -> 12 ms for two facets).
    index('claims_days').on(t.claimedFrom, t.claimedTo, t.id, t.claimantId, t.stance, t.certainty, t.topicId, t.articleId),
    index('claims_article').on(t.articleId, t.claimedFrom, t.id),
    index('claims_claimant').on(t.claimantId, t.claimedFrom, t.id),
    index('claims_topic').on(t.topicId, t.claimedFrom, t.id),
    // Covers ranking a topic's figures per claimant (figures' latest_by_claimant) without reading claim rows.
    index('claims_topic_claimant').on(t.topicId, t.claimantId, t.claimedFrom, t.claimedTo, t.id),
    // The claims claim_facet_months leaves out (their days cross a month's end), with every facet column.
    index('claims_across_months').on(t.claimedFrom, t.claimedTo, t.claimantId, t.stance, t.certainty, t.topicId, t.articleId)
      .where(sql`substr(${t.claimedFrom}, 1, 7) <> substr(${t.claimedTo}, 1, 7)`),
  ],
);

// Every claim an entity takes part in (as claimant, via or subject), once, with the claim's sort key:
// "claims involving X, by date" then walks one index in order instead of sorting all of X's claims.
// WITHOUT ROWID (migration 0009).
export const entityClaims = sqliteTable(
  'entity_claims',
  {
    entityId: text('entity_id').notNull().references(() => entities.id),
    claimedFrom: text('claimed_from').notNull(),
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.claimedFrom, t.claimId] }), index('entity_claims_claim').on(t.claimId)],
);

export const claimVia = sqliteTable(
  'claim_via',
  {
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    entityId: text('entity_id').notNull().references(() => entities.id),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.position] }), index('claim_via_entity').on(t.entityId)],
);

// WITHOUT ROWID (migration 0009).
export const claimEntities = sqliteTable(
  'claim_entities',
  {
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    entityId: text('entity_id').notNull().references(() => entities.id),
    role: text('role').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.entityId, t.role] }), index('claim_entities_entity').on(t.entityId)],
);

export const claimEvents = sqliteTable(
  'claim_events',
  {
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull().references(() => events.id),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.eventId] }), index('claim_events_event').on(t.eventId)],
);

export const claimQuantities = sqliteTable(
  'claim_quantities',
  {
    claimId: text('claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    value: real('value'),
    min: real('min'),
    max: real('max'),
    unit: text('unit').notNull(),
    approximate: integer('approximate', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.position] })],
);

// Derived, kept in step by triggers (migrations/0006): per topic, claimant and unit, the figure of the
// claimant's latest claim, so a topic's latest estimates and their spread are read, not computed per
// request over every figure of a busy topic. low/high are the figure's ends (a range's bounds).
export const latestFigures = sqliteTable(
  'latest_figures',
  {
    topicId: text('topic_id').notNull(),
    claimantId: text('claimant_id').notNull(),
    unit: text('unit').notNull(),
    claimId: text('claim_id').notNull(),
    position: integer('position').notNull(),
    claimedFrom: text('claimed_from').notNull(),
    claimedTo: text('claimed_to').notNull(),
    stance: text('stance').notNull(),
    low: real('low').notNull(),
    high: real('high').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.topicId, t.claimantId, t.unit] }),
    // Newest first, as latest_by_claimant lists them.
    index('latest_figures_recent').on(t.topicId, sql`${t.claimedFrom} DESC`, sql`${t.claimedTo} DESC`, t.claimantId, t.unit),
    // The two ends of the spread: one index step each.
    index('latest_figures_low').on(t.topicId, t.unit, t.stance, t.low, t.claimantId),
    index('latest_figures_high').on(t.topicId, t.unit, t.stance, sql`${t.high} DESC`, t.claimantId),
    index('latest_figures_claim').on(t.claimId),
  ],
);

// Derived, kept in step by triggers (migrations/0006): how many claims have each claimant, stance,
// certainty, topic and article, for the facets of the unfiltered claims list (no GROUP BY over every
// claim). `key` is the value, '' standing for none (a claim with no claimant or topic).
export const claimFacetTotals = sqliteTable(
  'claim_facet_totals',
  {
    field: text('field').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.field, t.key] }), index('claim_facet_totals_top').on(t.field, sql`${t.count} DESC`, t.key)],
);

// Derived, kept by the same triggers (migrations/0012): claim_facet_totals for the claims of each calendar
// month, counting only claims whose days lie within one month, for facets over a date filter
// (src/claims/facet-months.ts). Claims across a month's end are counted from claims_across_months.
export const claimFacetMonths = sqliteTable(
  'claim_facet_months',
  {
    field: text('field').notNull(),
    month: text('month').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.field, t.month, t.key] }),
    // A month's most frequent values, in order: one month's facets read a page of it.
    index('claim_facet_months_top').on(t.field, t.month, sql`${t.count} DESC`, t.key),
  ],
);

export const claimRelations = sqliteTable(
  'claim_relations',
  {
    fromClaimId: text('from_claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    toClaimId: text('to_claim_id').notNull().references(() => claims.id, { onDelete: 'cascade' }),
    note: text('note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.fromClaimId, t.type, t.toClaimId] }),
    index('claim_relations_to').on(t.toClaimId),
  ],
);


// API keys: only a SHA-256 of each key is kept; the key itself is shown once, when it is made.
export const apiKeys = sqliteTable('api_keys', {
  name: text('name').primaryKey(),
  role: text('role').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

// Every change made through the API, in commit order: the history of each item and the change
// feed at once. `seq` only grows (AUTOINCREMENT never reuses a number), and writes are serialized,
// so seq order is commit order. A delete keeps the whole item in `before`: that is what restore uses.
export const revisions = sqliteTable(
  'revisions',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    resource: text('resource').notNull(),
    resourceId: text('resource_id').notNull(),
    action: text('action').notNull(),
    version: integer('version').notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('revisions_resource').on(t.resource, t.resourceId, t.seq)],
);
