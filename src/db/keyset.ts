// Keyset paging: each page starts strictly after the sort key of the last row served, using the
// index on those columns. No OFFSET, so a deep page costs what the first one does.
import type { Statement } from 'better-sqlite3';
import type { Db } from './client.js';
import type { Arm } from './conditions.js';
import { decodeCursor, toPage, type Page, type SortKey } from '../http/common.js';
import { nameValues, rowReader, type RowReader } from './rows.js';

export type PageRequest = { limit: number; cursor?: string };

export interface KeysetQuery<Row, T> {
  /** Columns to select, e.g. "c.id, c.text". */
  select: string;
  /** FROM clause (tables and joins). */
  from: string;
  /** Conditions joined with AND, with their parameters in order. */
  where?: string[];
  params?: unknown[];
  /** The ordering's public name, stamped into cursors so one ordering's cursor is refused by another. */
  sort: string;
  /** Sort columns, the last one unique; all ascending or all descending. */
  columns: string[];
  descending?: boolean;
  /**
   * Disjoint condition sets the rows are the union of (besides `where`): each is walked in index order,
   * cut at the page size, and the walks are merged, so no arm is read past what the page needs.
   */
  arms?: Arm[];
  map: (rows: Row[]) => T[];
}

/** Prepared once per connection and distinct SQL text: filtered lists combine conditions, but only in a few ways. */
function memo<T>(prepare: (db: Db, sql: string) => T) {
  const byConnection = new WeakMap<Db, Map<string, T>>();
  return (db: Db, sql: string): T => {
    let byText = byConnection.get(db);
    if (!byText) byConnection.set(db, (byText = new Map()));
    let prepared = byText.get(sql);
    if (prepared === undefined) byText.set(sql, (prepared = prepare(db, sql)));
    return prepared;
  };
}

export const cached: (db: Db, sql: string) => Statement = memo((db, sql) => db.prepare(sql));
/** As `cached`, read through rowReader (arrays named in JavaScript): for wide rows on hot paths. */
export const cachedReader: (db: Db, sql: string) => RowReader<unknown> = memo((db, sql) => rowReader(db.prepare(sql)));
/**
 * A page statement read as arrays, and where its sort keys start: they are its last columns, `_k0` on,
 * and only build the cursor. Checked once, when prepared: a select naming a column `_k<n>` would shift them.
 */
const pageReader: (db: Db, sql: string) => { reader: RowReader<unknown>; selected: number } = memo((db, sql) => {
  const reader = cachedReader(db, sql);
  const selected = reader.names.lastIndexOf('_k0');
  if (selected < 0 || reader.names.slice(selected).some((name, i) => name !== `_k${i}`)) {
    throw new Error(`keyset: the sort keys must be the last columns, got ${reader.names.join(', ')}`);
  }
  return { reader, selected };
});

export function whereClause(where: string[] = []): string {
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}

/**
 * One index walk per arm (`walk` gives a statement ending in `LIMIT ?` for the conditions), each cut at
 * `limit + 1` rows, as one UNION ALL for the caller to order and cut again.
 */
export function armWalks(walk: (conditions: string[]) => string, where: string[], params: unknown[], arms: Arm[], limit: number) {
  return {
    sql: arms.map((arm) => `SELECT * FROM (${walk([...where, ...arm.where])})`).join(' UNION ALL '),
    params: arms.flatMap((arm) => [...params, ...arm.params, limit + 1]),
  };
}

export function runKeyset<Row, T>(db: Db, q: KeysetQuery<Row, T>, { limit, cursor }: PageRequest): Page<T> {
  const where = [...(q.where ?? [])];
  const params = [...(q.params ?? [])];
  if (cursor !== undefined) {
    const key = decodeCursor(cursor, q.sort, q.columns.length);
    const tuple = q.columns.length === 1 ? q.columns[0] : `(${q.columns.join(', ')})`;
    const marks = q.columns.length === 1 ? '?' : `(${q.columns.map(() => '?').join(', ')})`;
    where.push(`${tuple} ${q.descending ? '<' : '>'} ${marks}`);
    params.push(...key);
  }
  const direction = q.descending ? ' DESC' : '';
  const keyColumns = q.columns.map((c, i) => `${c} AS _k${i}`).join(', ');
  const order = q.columns.map((c) => `${c}${direction}`).join(', ');
  const walk = (conditions: string[]) =>
    `SELECT ${q.select}, ${keyColumns} FROM ${q.from} ${whereClause(conditions)} ORDER BY ${order} LIMIT ?`;
  const merged = q.arms?.length ? armWalks(walk, where, params, q.arms, limit) : undefined;
  const sql = merged
    ? `${merged.sql}
      ORDER BY ${q.columns.map((_, i) => `_k${i}${direction}`).join(', ')} LIMIT ?`
    : walk(where);
  const bound = [...(merged ? merged.params : params), limit + 1];
  // A row is named from the columns before the sort keys, so they never reach a response.
  const { reader, selected } = pageReader(db, sql);
  const keyed = reader.values(...bound).map((values) => ({
    row: nameValues<Row>(reader.names, values, selected),
    key: values.slice(selected) as SortKey,
  }));
  return toPage(keyed, limit, q.sort, (r) => r.key, (page) => q.map(page.map((r) => r.row)));
}

/** The common case: a whole table ordered by primary key. */
export const idPager = <Row, T>(db: Db, select: string, from: string, map: (rows: Row[]) => T[]) =>
  (request: PageRequest) => runKeyset<Row, T>(db, { select, from, sort: 'id', columns: ['id'], map }, request);
