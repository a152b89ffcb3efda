// Applies drizzle-kit's migrations safely. drizzle-kit rebuilds tables for some changes; with
// foreign keys on, dropping the old table cascade-deletes child rows and still reports success,
// and PRAGMA foreign_keys cannot be changed inside the migration's transaction. So the pragma is
// switched off on the connection around the run, and the references are checked afterwards.
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as applyMigrations } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

export function migrate(db: Db): void {
  db.pragma('foreign_keys = OFF');
  try {
    applyMigrations(drizzle(db), { migrationsFolder: MIGRATIONS });
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      throw new Error(`migration left ${broken.length} broken foreign key(s): ${JSON.stringify(broken.slice(0, 5))}`);
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
