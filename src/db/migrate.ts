// Applies drizzle-kit's migrations safely. drizzle-kit rebuilds tables for some changes; with
// foreign keys on, dropping the old table cascade-deletes child rows and still reports success,
// and PRAGMA foreign_keys cannot be changed inside the migration's transaction. So the pragma is
// switched off on the connection around the run, and the references are checked afterwards.
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as applyMigrations } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** How many migrations the database records as applied (none before the first run). */
function appliedCount(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

export function migrate(db: Db): void {
  db.pragma('foreign_keys = OFF');
  try {
    applyMigrations(drizzle(db), { migrationsFolder: MIGRATIONS });
    // The check reads every row (seconds on a million claims), so it runs once per schema: user_version
    // records how many migrations had been applied when it last passed. A failed check records nothing,
    // so a database a migration left broken is refused at every start, not only the first.
    const applied = appliedCount(db);
    if (db.pragma('user_version', { simple: true }) === applied) return;
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      throw new Error(`migration left ${broken.length} broken foreign key(s): ${JSON.stringify(broken.slice(0, 5))}`);
    }
    db.pragma(`user_version = ${applied}`);
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
