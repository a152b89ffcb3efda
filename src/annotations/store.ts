// Writes a resolved corpus into the database in one transaction, replacing what was there, so a
// reload leaves exactly the rows the annotation files describe and a failure leaves the old ones.
import type { Statement } from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import * as t from '../db/schema.js';
import { firstDay, lastDay } from './dates.js';
import { participantsOf, refreshEntityStats } from './entity-stats.js';
import type { Corpus } from './resolve.js';
import { FACET_TOTALS_TRIGGERS, rebuildFacetTotals } from '../claims/facet-totals.js';
import { ENTITY_EVENTS_TRIGGERS, rebuildEntityEvents } from '../events/entity-events.js';
import { LATEST_FIGURES_TRIGGERS, rebuildLatestFigures } from '../figures/latest.js';

// Children before parents, so deleting never trips a foreign key.
const TABLES_CHILD_FIRST: SQLiteTable[] = [
  t.entityClaims, t.claimRelations, t.claimQuantities, t.claimEvents, t.claimEntities, t.claimVia, t.claims,
  t.mentions, t.mentionHints, t.eventParticipants, t.eventLocations, t.events, t.topics, t.entities, t.articles,
];

// The tables triggers keep in step with the corpus (besides full text's): a bulk load drops their
// triggers and rebuilds each table once at its end.
const DERIVED = [
  { triggers: LATEST_FIGURES_TRIGGERS, rebuild: rebuildLatestFigures },
  { triggers: FACET_TOTALS_TRIGGERS, rebuild: rebuildFacetTotals },
  { triggers: ENTITY_EVENTS_TRIGGERS, rebuild: rebuildEntityEvents },
];

// Keeps each INSERT under SQLite's limit on bound parameters.
const CHUNK = 200;

export function storeCorpus(sqlite: Db, corpus: Corpus): Record<string, number> {
  const db = drizzle(sqlite);
  const rows = corpusRows(corpus);
  sqlite.transaction(() => {
    // Every figure goes: no key needs re-ranking as its latest leaves (the inserts offer them again).
    sqlite.exec('DELETE FROM latest_figures');
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

type BulkPhase = 'rows' | 'indexes' | 'full-text' | 'derived' | 'analyze';
/** Where a bulk load is: rows written so far per table, and the phase it has reached. */
export interface BulkProgress { phase: BulkPhase; rows: Record<string, number> }

/**
 * storeCorpus for a corpus too large to hold in memory at once (a benchmark's millions of claims):
 * the same rows, mapped by the same code, written batch by batch through prepared statements in one
 * transaction, replacing what was there. A batch may refer to its own rows and earlier batches'.
 * Keeping full-text indexes and secondary indexes in step row by row costs more than the rows
 * themselves, so both are dropped for the load and built once at the end (a sort, not millions of
 * random inserts); derived tables and entity stats are rebuilt once, and ANALYZE gives the planner the new shape.
 */
export function bulkStoreCorpus(sqlite: Db, batches: Iterable<Corpus>, onProgress?: (progress: BulkProgress) => void): Record<string, number> {
  const db = drizzle(sqlite);
  const counts: Record<string, number> = Object.fromEntries(TABLES_CHILD_FIRST.map((table) => [tableName(table), 0]).reverse());
  const report = (phase: BulkPhase) => onProgress?.({ phase, rows: { ...counts } });
  sqlite.transaction(() => {
    const deferred = dropDeferred(sqlite);
    for (const table of TABLES_CHILD_FIRST) db.delete(table).run();
    const insert = bulkInserter(sqlite);
    for (const batch of batches) {
      for (const [table, tableRows] of corpusRows(batch)) counts[tableName(table)] += insert(table, tableRows);
      report('rows');
    }
    report('indexes');
    for (const { sql } of deferred.indexes) sqlite.exec(sql);
    report('full-text');
    for (const name of deferred.fullText) rebuildFullText(sqlite, name);
    report('derived');
    for (const { rebuild } of DERIVED) rebuild(sqlite);
    refreshEntityStats(sqlite);
    for (const { sql } of deferred.triggers) sqlite.exec(sql);
    report('analyze');
    // Statistics from a sample of each index (SQLite's advice for large databases, as PRAGMA optimize
    // does): the planner needs their shape, not exact counts, and a full ANALYZE of a million claims'
    // indexes took 10 s of the load.
    sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0');
  })();
  return counts;
}

/** Drops the corpus tables' secondary indexes and derived-data triggers; returns what rebuilds them. */
function dropDeferred(sqlite: Db) {
  const names = TABLES_CHILD_FIRST.map(tableName);
  const schema = sqlite.prepare(`SELECT type, name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) AND (type = 'index' OR (type = 'trigger' AND (name GLOB '*_fts_*' OR EXISTS (SELECT 1 FROM json_each(?) g WHERE name GLOB g.value))))
    ORDER BY name`).all(JSON.stringify(names), JSON.stringify(DERIVED.map((d) => d.triggers))) as { type: string; name: string; sql: string }[];
  for (const { type, name } of schema) sqlite.exec(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} "${name}"`);
  const fullText = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'
    ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  return { indexes: schema.filter((s) => s.type === 'index'), triggers: schema.filter((s) => s.type === 'trigger'), fullText };
}

/**
 * Rebuilds a full-text index from its content table. With FTS5's defaults (a 1 MiB buffer of terms,
 * merging segments as they pile up) a million rows are written and merged many times over; a large
 * buffer and no merging during the rebuild write the index about once, then the defaults come back.
 */
function rebuildFullText(sqlite: Db, name: string): void {
  // Literal numbers: FTS5 refuses a bound JavaScript number (a REAL) for these integer settings.
  const set = (key: string, value: number) => sqlite.exec(`INSERT INTO "${name}"("${name}", rank) VALUES ('${key}', ${value})`);
  set('automerge', 0);
  set('hashsize', 256 * 2 ** 20);
  sqlite.exec(`INSERT INTO "${name}"("${name}") VALUES ('rebuild'); INSERT INTO "${name}"("${name}") VALUES ('optimize')`);
  set('automerge', 4);
  set('hashsize', 2 ** 20);
}

/**
 * Inserts rows one prepared statement at a time, each value encoded by its drizzle column exactly as
 * drizzle's insert encodes it (JSON, booleans); a value left undefined gets the column's default, as there.
 */
function bulkInserter(sqlite: Db): (table: SQLiteTable, rows: Record<string, unknown>[]) => number {
  const statements = new Map<string, Statement>();
  return (table, rows) => {
    const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
    if (columns.length > 31) throw new Error(`bulk load: ${tableName(table)} has more columns than a bit mask holds`);
    let defined = -1;
    let present: [string, SQLiteColumn][] = [];
    let statement: Statement | undefined;
    for (const row of rows) {
      // Rows of a table nearly always define the same columns: the statement changes only when they do.
      let mask = 0;
      for (let i = 0; i < columns.length; i++) if (row[columns[i][0]] !== undefined) mask |= 1 << i;
      if (mask !== defined || !statement) {
        defined = mask;
        present = columns.filter((_, i) => mask & (1 << i));
        const names = present.map(([, column]) => `"${column.name}"`);
        const sql = `INSERT INTO "${tableName(table)}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
        statement = statements.get(sql) ?? statements.set(sql, sqlite.prepare(sql)).get(sql)!;
      }
      const values = new Array<unknown>(present.length);
      for (let i = 0; i < present.length; i++) {
        const value = row[present[i][0]];
        values[i] = value === null ? null : present[i][1].mapToDriverValue(value);
      }
      statement.run(values);
    }
    return rows.length;
  };
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
