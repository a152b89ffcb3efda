// What a new user does: start the server on an empty database file, talk to it over a socket,
// and get one readable line when the configuration is wrong.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { seedCorpus } from './helpers.js';

const ROOT = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'claimtrail-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const tsx = (script: string) => [process.execPath, ['--import', 'tsx', script]] as const;

function startServer(env: Record<string, string>): Promise<string> {
  const [node, args] = tsx('src/server.ts');
  const child = spawn(node, args, { cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env } });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

describe('starting the server', () => {
  it('creates and migrates the database file, loads the corpus, and serves it', async () => {
    const url = await startServer({ DATABASE_URL: join(dir, 'nested', 'claimtrail.db') });
    const health = await request(url).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', claims: seedCorpus().claims.length });
    await request(url).get('/v1/claims/csm1018-peskov-another-piece-of-fake-news').expect(200);
    await request(url).get('/docs/').expect(200);
  });

  it('stops with one line naming the variable when the configuration is wrong', () => {
    const [node, args] = tsx('src/server.ts');
    const run = spawnSync(node, args, { cwd: ROOT, env: { ...process.env, PORT: 'abc' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('invalid configuration: PORT="abc" must be a whole number from 0 to 65535');
  });
});

describe('npm run seed', () => {
  it('loads the corpus into DATABASE_URL, and reloading gives the same counts', () => {
    const [node, args] = tsx('seed/cli.ts');
    const env = { ...process.env, DATABASE_URL: join(dir, 'seeded.db') };
    const first = spawnSync(node, [...args, 'load'], { cwd: ROOT, env, encoding: 'utf8' });
    const second = spawnSync(node, [...args, 'load'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain(`"claims":${seedCorpus().claims.length}`);
  });
});

describe('npm run seed after editorial changes', () => {
  it('refuses to replace changes made through the API, unless --force', async () => {
    const { openDatabase } = await import('../src/db/client.js');
    const { recordRevision } = await import('../src/editing/revisions.js');
    const [node, args] = tsx('seed/cli.ts');
    const file = join(dir, 'edited.db');
    const env = { ...process.env, DATABASE_URL: file };
    expect(spawnSync(node, [...args, 'load'], { cwd: ROOT, env, encoding: 'utf8' }).status).toBe(0);
    const db = openDatabase(file);
    db.prepare(`UPDATE topics SET question = 'Edited?' WHERE id = 'nk-casualties'`).run();
    recordRevision(db, { resource: 'topics', id: 'nk-casualties', action: 'update', version: 2, actor: 'desk', before: null, after: null });
    db.close();

    const refused = spawnSync(node, [...args, 'load'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('1 editorial change(s)');
    const check = openDatabase(file);
    expect(check.prepare(`SELECT question FROM topics WHERE id = 'nk-casualties'`).get()).toEqual({ question: 'Edited?' });
    check.close();

    expect(spawnSync(node, [...args, 'load', '--force'], { cwd: ROOT, env, encoding: 'utf8' }).status).toBe(0);
    const forced = openDatabase(file);
    expect(forced.prepare(`SELECT question FROM topics WHERE id = 'nk-casualties'`).get()).not.toEqual({ question: 'Edited?' });
    expect(forced.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 0 });
    forced.close();
  });
});
