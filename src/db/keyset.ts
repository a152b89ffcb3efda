// Keyset paging: each page starts strictly after the sort key of the last row served, using the
// index on those columns. No OFFSET, so a deep page costs what the first one does.
import type { Db } from './client.js';
import { decodeCursor, toPage, type Page, type SortKey } from '../http/common.js';

export interface KeysetOptions<Row, T> {
  /** A SELECT without WHERE/ORDER BY. */
  select: string;
  /** The ordering's public name, stamped into cursors. */
  sort: string;
  /** Sort columns, the last one unique (usually the id). */
  columns: string[];
  keyOf: (row: Row) => SortKey;
  map: (rows: Row[]) => T[];
}

export type PageRequest = { limit: number; cursor?: string };

export function keysetPager<Row, T>(db: Db, o: KeysetOptions<Row, T>): (request: PageRequest) => Page<T> {
  const order = o.columns.join(', ');
  const after = o.columns.length === 1 ? `${order} > ?` : `(${order}) > (${o.columns.map(() => '?').join(', ')})`;
  const first = db.prepare(`${o.select} ORDER BY ${order} LIMIT ?`);
  const next = db.prepare(`${o.select} WHERE ${after} ORDER BY ${order} LIMIT ?`);
  return ({ limit, cursor }) => {
    const rows = (cursor === undefined
      ? first.all(limit + 1)
      : next.all(...decodeCursor(cursor, o.sort, o.columns.length), limit + 1)) as Row[];
    return toPage(rows, limit, o.sort, o.keyOf, o.map);
  };
}

/** The common case: ordered by primary key. */
export const idPager = <Row extends { id: string }, T>(db: Db, select: string, map: (rows: Row[]) => T[]) =>
  keysetPager<Row, T>(db, { select, sort: 'id', columns: ['id'], keyOf: (r) => [r.id], map });
