import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { rowReader } from './rows.js';

describe('rowReader', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, x REAL, note TEXT, data BLOB);
    INSERT INTO t VALUES ('a', 1, 1.5, NULL, x'00ff'), ('b', NULL, -2, 'é ✓', NULL)`);
  // Every column type, a NULL in each, and a name repeated (the later column wins, as better-sqlite3 does).
  const sql = 'SELECT id, n, x, note, data, n AS twice, x AS twice FROM t ORDER BY id';

  it('gives the objects better-sqlite3 gives, keys in the same order', () => {
    const expected = db.prepare(sql).all();
    const rows = rowReader(db.prepare(sql)).all();
    expect(rows).toEqual(expected);
    expect(rows.map((row) => Object.keys(row as object))).toEqual(expected.map((row) => Object.keys(row as object)));
  });

  it('reads one row, or undefined when there is none, with parameters bound as usual', () => {
    const reader = rowReader(db.prepare('SELECT id, note FROM t WHERE id = ?'));
    expect(reader.get('b')).toEqual({ id: 'b', note: 'é ✓' });
    expect(reader.get('zz')).toBeUndefined();
    expect(reader.values('a')).toEqual([['a', null]]);
    expect(reader.names).toEqual(['id', 'note']);
  });
});
