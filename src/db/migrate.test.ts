import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from './client.js';
import { migrate } from './migrate.js';

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
