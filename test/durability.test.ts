// Nothing acknowledged is lost, whatever happens to the process, and writers in several processes
// never see SQLITE_BUSY. Real servers on a real file; traffic only to 127.0.0.1.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKey } from '../src/auth/keys.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { useProcesses } from './processes.js';

const { dir, startServer: start, exited } = useProcesses('durability');
const startServer = (file: string) =>
  start({ DATABASE_URL: file, RATE_LIMIT_MAX: 'off', WRITE_RATE_LIMIT_MAX: 'off' });

function databaseWithKey(file: string): string {
  const db = openDatabase(file);
  migrate(db);
  const key = createKey(db, 'desk', 'editor');
  db.close();
  return key;
}

const createTopic = (url: string, key: string, question: string) =>
  fetch(`${url}/v1/topics`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });

describe('durability', () => {
  it('keeps every acknowledged write when the server is killed (SIGKILL) with writes in flight', async () => {
    const file = join(dir, 'crash.db');
    const key = databaseWithKey(file);
    const { url, child } = await startServer(file);
    const acknowledged: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed && i < 200; i++) {
        try {
          const res = await createTopic(url, key, `Crash test ${w}-${i}?`);
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
          else throw new Error(`unexpected ${res.status}`);
        } catch (error) {
          if (!killed) throw error;
        }
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    expect(killed).toBe(true);
    await exited(child);

    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const stored = new Set((db.prepare("SELECT id FROM topics WHERE question LIKE 'Crash test %'").all() as { id: string }[]).map((t) => t.id));
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    const revisions = db.prepare("SELECT count(*) AS n FROM revisions WHERE resource = 'topics' AND action = 'create'").get() as { n: number };
    expect(revisions.n).toBe(stored.size);
    db.close();

    const again = await startServer(file);
    expect((await fetch(`${again.url}/health`)).status).toBe(200);
    again.child.kill('SIGKILL');
  }, 60_000);

  it('lets three server processes write to one database at once without a single SQLITE_BUSY', async () => {
    const file = join(dir, 'shared.db');
    const key = databaseWithKey(file);
    const servers = [await startServer(file)];
    servers.push(...(await Promise.all([startServer(file), startServer(file)])));
    const statuses: number[] = [];
    await Promise.all(Array.from({ length: 24 }, async (_, w) => {
      for (let i = 0; i < 10; i++) {
        const res = await createTopic(servers[w % 3].url, key, `Shared ${w}-${i}?`);
        statuses.push(res.status);
        if (res.status !== 201) throw new Error(`${res.status}: ${await res.text()}`);
      }
    }));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const db = openDatabase(file);
    expect((db.prepare("SELECT count(*) AS n FROM topics WHERE question LIKE 'Shared %'").get() as { n: number }).n).toBe(240);
    const seqs = (db.prepare('SELECT seq FROM revisions ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    expect(new Set(seqs).size).toBe(240);
    db.close();
    for (const s of servers) s.child.kill('SIGKILL');
  }, 60_000);
});
