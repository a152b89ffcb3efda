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
 * Rows of one table that define the same columns, encoded as SQLite binds them (drizzle's encoding:
 * JSON, booleans), one row's values after another. Plain data, so a worker thread can make them.
 */
export interface RowRun { table: string; columns: string[]; values: unknown[] }

/**
 * storeCorpus for a corpus too large to hold in memory at once (a benchmark's millions of claims):
 * the same rows, mapped by the same code, written batch by batch through prepared statements in one
 * transaction, replacing what was there. A batch may refer to its own rows and earlier batches'.
 */
export function bulkStoreCorpus(sqlite: Db, batches: Iterable<Corpus>, onProgress?: (progress: BulkProgress) => void): Record<string, number> {
  return bulkStoreRows(sqlite, mapEach(batches, bulkRows), onProgress);
}

/**
 * bulkStoreCorpus for batches already turned into rows by `bulkRows` (perhaps on another thread).
 * Keeping full-text indexes and secondary indexes in step row by row costs more than the rows
 * themselves, so both are dropped for the load and built once at the end (a sort, not millions of
 * random inserts); derived tables and entity stats are rebuilt once, and ANALYZE gives the planner the
 * new shape.
 */
export function bulkStoreRows(sqlite: Db, batches: Iterable<RowRun[]>, onProgress?: (progress: BulkProgress) => void): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(TABLES_CHILD_FIRST.map((table) => [tableName(table), 0]).reverse());
  const report = (phase: BulkPhase) => onProgress?.({ phase, rows: { ...counts } });
  sqlite.transaction(() => {
    const deferred = dropDeferred(sqlite);
    for (const table of TABLES_CHILD_FIRST) sqlite.exec(`DELETE FROM "${tableName(table)}"`);
    const staged = stageOutOfOrder(sqlite);
    const write = bulkWriter(sqlite, staged.targets);
    for (const runs of batches) {
      for (const run of runs) counts[run.table] += write(run);
      report('rows');
    }
    staged.finish();
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

/** A batch's rows as a bulk load writes them. */
export function bulkRows(corpus: Corpus): RowRun[] {
  return corpusRows(corpus).flatMap(([table, rows]) => encodeRows(table, rows));
}

function* mapEach<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

// Tables whose rows arrive in an order far from their key's: entity_claims is keyed by entity, and
// its rows come claim by claim, so each insert lands on a random page of a growing B-tree (15 s of a
// million claims' rows phase). They are appended to an unindexed staging table instead, then copied
// sorted by key, which fills the B-tree from one end to the other.
const STAGED: SQLiteTable[] = [t.entityClaims];

/**
 * Creates the staging tables; returns the table each staged table's rows are written to (quoted), and
 * what moves them home. A staging table has the columns and no constraints, and no defaults either, so
 * a staged table must have none.
 */
function stageOutOfOrder(sqlite: Db) {
  const names = STAGED.map(tableName);
  const staging = (name: string) => `temp."bulk_${name}"`;
  for (const name of names) {
    if (sqlite.prepare('SELECT count(*) FROM pragma_table_info(?) WHERE dflt_value IS NOT NULL').pluck().get(name) !== 0) {
      throw new Error(`bulk load: ${name} has column defaults, which its staging table would not apply`);
    }
    sqlite.exec(`DROP TABLE IF EXISTS ${staging(name)}; CREATE TABLE ${staging(name)} AS SELECT * FROM "${name}" WHERE 0`);
  }
  const finish = () => {
    for (const name of names) {
      const key = (sqlite.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(name) as string[])
        .map((column) => `"${column}"`);
      sqlite.exec(`INSERT INTO "${name}" SELECT * FROM ${staging(name)} ORDER BY ${key.join(', ')}; DROP TABLE ${staging(name)}`);
    }
  };
  return { targets: new Map(names.map((name) => [name, staging(name)])), finish };
}

/** Drops the corpus tables' secondary indexes and derived-data triggers; returns what rebuilds them. */
function dropDeferred(sqlite: Db) {
  const names = TABLES_CHILD_FIRST.map(tableName);
  const schema = sqlite.prepare(`SELECT type, name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) AND (type = 'index' OR (type = 'trigger' AND (name GLOB '*_fts_*' OR EXISTS (SELECT 1 FROM json_each(?) g WHERE name GLOB g.value))))
    ORDER BY name`).all(JSON.stringify(names), JSON.stringify(DERIVED.map((d) => d.triggers))) as { type: string; name: string; sql: string }[];
  for (const { type, name } of schema) sqlite.exec(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} "${name}"`);
  const fullText = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5(%'
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
 * Encodes rows, each value by its drizzle column exactly as drizzle's insert encodes it; a value left
 * undefined gets the column's default, as there, so rows defining different columns go in different runs.
 */
function encodeRows(table: SQLiteTable, rows: Record<string, unknown>[]): RowRun[] {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  if (columns.length > 31) throw new Error(`bulk load: ${tableName(table)} has more columns than a bit mask holds`);
  const runs: RowRun[] = [];
  let run: RowRun | undefined;
  let defined = -1;
  let present: [string, SQLiteColumn][] = [];
  for (const row of rows) {
    // Rows of a table nearly always define the same columns: a new run starts only when they change.
    let mask = 0;
    for (let i = 0; i < columns.length; i++) if (row[columns[i][0]] !== undefined) mask |= 1 << i;
    if (mask !== defined || !run) {
      defined = mask;
      present = columns.filter((_, i) => mask & (1 << i));
      run = { table: tableName(table), columns: present.map(([, column]) => column.name), values: [] };
      runs.push(run);
    }
    for (const [key, column] of present) {
      const value = row[key];
      run.values.push(value === null ? null : column.mapToDriverValue(value));
    }
  }
  return runs;
}

// Rows per INSERT statement in a bulk load: one statement per row spends more on calling into SQLite
// and starting the statement than on the row.
const ROWS_PER_INSERT = 50;

/**
 * Writes runs of rows ROWS_PER_INSERT at a time through multi-row INSERTs (the remainder a row at a
 * time), each statement prepared once; returns how many rows a run held.
 */
function bulkWriter(sqlite: Db, targets: Map<string, string>): (run: RowRun) => number {
  const statements = new Map<string, Statement>();
  const statementFor = (run: RowRun, rows: number) => {
    const key = `${run.table}(${run.columns.join()})x${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      const row = `(${run.columns.map(() => '?').join(', ')})`;
      const sql = `INSERT INTO ${targets.get(run.table) ?? `"${run.table}"`} (${run.columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
      statements.set(key, statement = sqlite.prepare(sql));
    }
    return statement;
  };
  return (run) => {
    const width = run.columns.length;
    if (width === 0 || run.values.length % width !== 0) throw new Error(`bulk load: a run of ${run.table} has ${run.values.length} values for ${width} columns`);
    const rows = run.values.length / width;
    let row = 0;
    for (; row + ROWS_PER_INSERT <= rows; row += ROWS_PER_INSERT) {
      statementFor(run, ROWS_PER_INSERT).run(run.values.slice(row * width, (row + ROWS_PER_INSERT) * width));
    }
    for (; row < rows; row++) statementFor(run, 1).run(run.values.slice(row * width, (row + 1) * width));
    return rows;
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
