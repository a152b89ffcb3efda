// What a new user does: start the server on an empty database file, talk to it over a socket,
// and get one readable line when the configuration is wrong.
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedCorpus } from './helpers.js';
import { useProcesses } from './processes.js';

const { dir, startServer, run } = useProcesses('server');

describe('starting the server', () => {
  it('creates and migrates the database file, loads the corpus, and serves it', async () => {
    const { url } = await startServer({ DATABASE_URL: join(dir, 'nested', 'claimtrail.db') });
    const health = await request(url).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', claims: seedCorpus().claims.length });
    await request(url).get('/v1/claims/csm1018-peskov-another-piece-of-fake-news').expect(200);
    await request(url).get('/docs/').expect(200);
  });

  it('stops with one line naming the variable when the configuration is wrong', () => {
    const server = run('src/server.ts', [], { PORT: 'abc' });
    expect(server.status).toBe(1);
    expect(server.stderr.trim()).toBe('invalid configuration: PORT="abc" must be a whole number from 0 to 65535');
  });
});

describe('npm run seed', () => {
  it('loads the corpus into DATABASE_URL, and reloading gives the same counts', () => {
    const env = { DATABASE_URL: join(dir, 'seeded.db') };
    const first = run('seed/cli.ts', ['load'], env);
    const second = run('seed/cli.ts', ['load'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain(`"claims":${seedCorpus().claims.length}`);
  });
});

describe('npm run seed after editorial changes', () => {
  it('refuses to replace changes made through the API, unless --force', async () => {
    const { openDatabase } = await import('../src/db/client.js');
    const { recordRevision } = await import('../src/editing/revisions.js');
    const file = join(dir, 'edited.db');
    const env = { DATABASE_URL: file };
    expect(run('seed/cli.ts', ['load'], env).status).toBe(0);
    const db = openDatabase(file);
    db.prepare(`UPDATE topics SET question = 'Edited?' WHERE id = 'nk-casualties'`).run();
    recordRevision(db, { resource: 'topics', id: 'nk-casualties', action: 'update', version: 2, actor: 'desk', before: null, after: null });
    db.close();

    const refused = run('seed/cli.ts', ['load'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('1 editorial change(s)');
    const check = openDatabase(file);
    expect(check.prepare(`SELECT question FROM topics WHERE id = 'nk-casualties'`).get()).toEqual({ question: 'Edited?' });
    check.close();

    expect(run('seed/cli.ts', ['load', '--force'], env).status).toBe(0);
    const forced = openDatabase(file);
    expect(forced.prepare(`SELECT question FROM topics WHERE id = 'nk-casualties'`).get()).not.toEqual({ question: 'Edited?' });
    expect(forced.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 0 });
    forced.close();
  });
});
