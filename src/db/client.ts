import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens the database with the pragmas every connection needs (SQLite's defaults suit none of them). */
export function openDatabase(url: string): Db {
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const db = new Database(url);
  // WAL lets readers go on while a write commits, and survives a crash mid-write.
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL is still crash-safe for the database; it only risks the last commits on power loss.
  db.pragma('synchronous = NORMAL');
  // Another process holding the write lock makes us wait instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  // SQLite ships with foreign keys off; every reference in the schema is meant to be enforced.
  db.pragma('foreign_keys = ON');
  return db;
}
