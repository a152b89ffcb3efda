import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as applyMigrations } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from './client.js';
import { migrate } from './migrate.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const schemaOf = (db: Db) => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master
  WHERE name NOT LIKE 'sqlite_%' AND name != '__drizzle_migrations' ORDER BY type, name`).all();

describe('migrate', () => {
  it('checks every foreign key once per schema: a restart with nothing to apply skips the whole-database check', () => {
    const db = openDatabase(':memory:');
    const pragma = vi.spyOn(db, 'pragma');
    const checks = () => pragma.mock.calls.filter(([sql]) => sql === 'foreign_key_check').length;
    migrate(db);
    expect(checks()).toBe(1);
    migrate(db);
    expect(checks()).toBe(1); // seconds at a million claims, not run again
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  // drizzle applies only the migrations whose journal time is after the last one applied: one dated
  // earlier than its predecessor would be skipped on every existing database, silently.
  it('brings a database that stopped at any earlier migration to the schema a fresh one gets', () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const fresh = openDatabase(':memory:');
    migrate(fresh);
    for (let stop = 1; stop < journal.entries.length; stop++) {
      const folder = mkdtempSync(join(tmpdir(), 'claimtrail-migrations-'));
      mkdirSync(join(folder, 'meta'));
      const entries = journal.entries.slice(0, stop);
      for (const { tag } of entries) copyFileSync(join(MIGRATIONS, `${tag}.sql`), join(folder, `${tag}.sql`));
      writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
      const db = openDatabase(':memory:');
      db.pragma('foreign_keys = OFF');
      applyMigrations(drizzle(db), { migrationsFolder: folder });
      migrate(db);
      expect(schemaOf(db), `stopped after ${entries.at(-1)!.tag}`).toEqual(schemaOf(fresh));
      db.close();
    }
  });

  it('refuses a database whose check has not passed at every start, not only the first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimtrail-migrate-')), 'db.sqlite');
    let db = openDatabase(file);
    migrate(db);
    // As if the last migration had just run and left a broken reference: the check has not passed yet.
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO claim_quantities (claim_id, position, value, unit, approximate) VALUES ('no-such-claim', 0, 1, 'troops', 0)").run();
    db.pragma('user_version = 0');
    db.close();
    for (let start = 0; start < 2; start++) {
      db = openDatabase(file);
      expect(() => migrate(db)).toThrow(/broken foreign key/);
      db.close();
    }
  });
});
