// One request, one transaction. BEGIN IMMEDIATE takes the write lock up front, so two writers
// never both read and then deadlock upgrading; a writer in another process makes us wait up to
// busy_timeout (src/db/client.ts), and only past that does the client see a 503 to retry, never
// SQLITE_BUSY itself.
import type { Db } from '../db/client.js';
import { AppError } from '../http/problem.js';

export function inWriteTransaction<T>(db: Db, work: () => T): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new AppError('service_unavailable', 'The database is busy with other writes: retry in a moment.');
    }
    throw error;
  }
}
