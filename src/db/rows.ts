// Rows as plain objects, named in JavaScript. better-sqlite3 builds each row object through V8's C++
// API, one property at a time, and for a wide row that costs more than reading it: a 50-claim page's
// query took about 340 µs with objects and 260 µs as arrays named by the loop below (same objects,
// same key order). Reads on the hot paths go through here: every keyset page, claims with their child
// rows, the timeline.
import type { Statement } from 'better-sqlite3';

export interface RowReader<Row> {
  /** The statement's column names, in order (a SELECT may repeat one: the last wins, as in better-sqlite3). */
  names: string[];
  all(...params: unknown[]): Row[];
  get(...params: unknown[]): Row | undefined;
  /** Every row as its values, in `names` order. */
  values(...params: unknown[]): unknown[][];
}

/** Reads `statement` (which it switches to raw mode, so it must not be shared) as objects named by its columns. */
export function rowReader<Row>(statement: Statement): RowReader<Row> {
  const raw = statement.raw(true);
  const names = raw.columns().map((column) => column.name);
  const named = (values: unknown[]) => nameValues<Row>(names, values);
  return {
    names,
    all: (...params) => (raw.all(...params) as unknown[][]).map(named),
    get: (...params) => {
      const values = raw.get(...params) as unknown[] | undefined;
      return values === undefined ? undefined : named(values);
    },
    values: (...params) => raw.all(...params) as unknown[][],
  };
}

/** An object of `values` under `names`, the first `count` of them (all by default). */
export function nameValues<Row>(names: string[], values: unknown[], count = names.length): Row {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) row[names[i]] = values[i];
  return row as Row;
}
