import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from './client.js';
import { migrate } from './migrate.js';

describe('migrate', () => {
  it('checks every foreign key after applying migrations, and skips the check when there was nothing to apply', () => {
    const db = openDatabase(':memory:');
    const pragma = vi.spyOn(db, 'pragma');
    const checks = () => pragma.mock.calls.filter(([sql]) => sql === 'foreign_key_check').length;
    migrate(db);
    expect(checks()).toBe(1);
    migrate(db);
    expect(checks()).toBe(1); // a restart: the whole-database check (seconds at a million claims) is not run again
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
