// Writes a resolved corpus into the database in one transaction, replacing what was there, so a
// reload leaves exactly the rows the annotation files describe and a failure leaves the old ones.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import * as t from '../db/schema.js';
import { firstDay, lastDay } from './dates.js';
import { participantsOf, refreshEntityStats } from './entity-stats.js';
import type { Corpus } from './resolve.js';

// Children before parents, so deleting never trips a foreign key.
const TABLES_CHILD_FIRST: SQLiteTable[] = [
  t.entityClaims, t.claimRelations, t.claimQuantities, t.claimEvents, t.claimEntities, t.claimVia, t.claims,
  t.mentions, t.mentionHints, t.eventParticipants, t.eventLocations, t.events, t.topics, t.entities, t.articles,
];

// Keeps each INSERT under SQLite's limit on bound parameters.
const CHUNK = 200;

export function storeCorpus(sqlite: Db, corpus: Corpus): Record<string, number> {
  const db = drizzle(sqlite);
  const rows = corpusRows(corpus);
  sqlite.transaction(() => {
    for (const table of TABLES_CHILD_FIRST) db.delete(table).run();
    insertRows(sqlite, rows);
    refreshEntityStats(sqlite);
  })();
  return Object.fromEntries(rows.map(([table, tableRows]) => [tableName(table), tableRows.length]));
}

/**
 * Adds what a corpus holds to the rows already there, in the caller's transaction, mapped to rows as
 * a load maps them (the editorial API's annotation documents use this). Derived counts are the caller's.
 */
export function insertCorpus(sqlite: Db, corpus: Corpus): void {
  insertRows(sqlite, corpusRows(corpus));
}

function insertRows(sqlite: Db, rows: Rows): void {
  const db = drizzle(sqlite);
  for (const [table, tableRows] of rows) {
    for (let i = 0; i < tableRows.length; i += CHUNK) db.insert(table).values(tableRows.slice(i, i + CHUNK)).run();
  }
}

function tableName(table: SQLiteTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')];
}

type Rows = [SQLiteTable, Record<string, unknown>[]][];

/** Parents before children, so inserting never trips a foreign key. */
function corpusRows(corpus: Corpus): Rows {
  return [
    [t.articles, corpus.articles.map((a) => ({
      id: a.id, title: a.title, publisher: a.publisher, authors: a.authors, url: a.url, language: a.language,
      publishedAt: a.published?.at ?? null, publishedPrecision: a.published?.precision ?? null,
      publishedInferred: a.published?.inferred ?? false, publishedBasis: a.published?.basis ?? null,
      publishedFrom: a.published ? firstDay(a.published.at.slice(0, 10)) : null,
      publishedTo: a.published ? lastDay(a.published.at.slice(0, 10)) : null,
      updatedAt: a.updated?.at ?? null, updatedPrecision: a.updated?.precision ?? null,
      sourceFile: a.file, rawText: a.rawText, body: a.body, boilerplate: a.boilerplate,
    }))],
    [t.entities, corpus.entities.map((e) => ({
      id: e.id, kind: e.kind, name: e.name, aliases: e.aliases, description: e.description, wikidataId: e.wikidata_id,
    }))],
    [t.topics, corpus.topics.map((topic) => ({ ...topic }))],
    [t.events, corpus.events.map((e) => ({
      id: e.id, kind: e.kind, title: e.title, start: e.start, end: e.end, description: e.description,
      startDay: firstDay(e.start), endDay: lastDay(e.end ?? e.start),
    }))],
    [t.eventLocations, corpus.events.flatMap((e) => e.locations.map((entityId, position) => ({ eventId: e.id, entityId, position })))],
    [t.eventParticipants, corpus.events.flatMap((e) =>
      e.participants.map((p, position) => ({ eventId: e.id, entityId: p.entity, role: p.role, position })))],
    [t.mentions, corpus.mentions.map((m) => ({ ...m }))],
    [t.mentionHints, corpus.articles.flatMap((a) => a.hints.map((h) => ({ articleId: a.id, entityId: h.entity, text: h.text })))],
    [t.claims, corpus.claims.map((c) => ({
      id: c.id, articleId: c.articleId, text: c.text,
      quoteExact: c.anchor.exact, quotePrefix: c.anchor.prefix, quoteSuffix: c.anchor.suffix,
      quoteStart: c.anchor.start, quoteEnd: c.anchor.end,
      claimantId: c.claimant, stance: c.stance, certainty: c.certainty, topicId: c.topic,
      claimedOn: c.claimed_on, claimedFrom: firstDay(c.claimed_on), claimedTo: lastDay(c.claimed_on),
    }))],
    [t.claimVia, corpus.claims.flatMap((c) => c.via.map((entityId, position) => ({ claimId: c.id, position, entityId })))],
    [t.claimEntities, corpus.claims.flatMap((c) =>
      c.subjects.map((s, position) => ({ claimId: c.id, entityId: s.entity, role: s.role, position })))],
    [t.claimEvents, corpus.claims.flatMap((c) => c.events.map((eventId) => ({ claimId: c.id, eventId })))],
    [t.claimQuantities, corpus.claims.flatMap((c) => c.quantities.map((q, position) => ({ claimId: c.id, position, ...q })))],
    [t.entityClaims, corpus.claims.flatMap((c) =>
      participantsOf(c).map((entityId) => ({ entityId, claimedFrom: firstDay(c.claimed_on), claimId: c.id })))],
    [t.claimRelations, corpus.relations.map((r) => ({ fromClaimId: r.from, type: r.type, toClaimId: r.to, note: r.note }))],
  ];
}
