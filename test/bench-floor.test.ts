// The servers that bound the latency figures from below (README: "Benchmarks and performance", "The floor"):
// the bare baseline on several processes, a page sent from memory, and the page from stored claim JSON.
// They must answer what the baseline answers, and leave no process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../bench/baseline.js';
import { freePort, killAll, startServer } from '../bench/servers.js';
import { buildStoredJson, renderClaimJson } from '../bench/stored-json.js';
import { seededDb } from './helpers.js';
import { ROOT, useProcesses } from './processes.js';

const { dir, run } = useProcesses('bench-floor');
const db = join(dir, 'seed.db');
const spawned: ChildProcess[] = [];
beforeAll(() => {
  expect(run('seed/cli.ts', ['load'], { DATABASE_URL: db }).status).toBe(0);
});
afterAll(() => {
  killAll();
  for (const child of spawned) child.kill('SIGKILL');
});

/** The pids of `script`'s processes whose parent is `pid` (tsx may run a helper of its own beside them). */
function childrenOf(pid: number, script: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      // The parent is the second field after the command, which is in parentheses and may hold any character.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return parent === pid && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(script);
    } catch {
      return false;
    }
  }).map(Number);
}

const alive = (pid: number) => existsSync(`/proc/${pid}`);

/** A GET on a connection of its own, so that node:cluster hands each to the next worker in turn. */
const getAlone = (url: string) => new Promise<string>((resolve, reject) => {
  get(url, { agent: false }, (response) => {
    let body = '';
    response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve(body));
  }).on('error', reject);
});

/** Runs a bench script with arguments, as a process of its own, with its exit (code, stderr) to await. */
function spawnScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { child, exit };
}

async function until<T>(check: () => T | undefined | false | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const value = await check();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the bare baseline on several processes, and a page from memory', () => {
  const path = '/v1/claims?entity=north-korea';

  it('answer what one baseline process answers, from every worker, and stop with every worker', async () => {
    const one = await startServer('bench/baseline.ts', { DATABASE_URL: db });
    const two = await startServer('bench/baseline.ts', { DATABASE_URL: db, BASELINE_WORKERS: '2' });
    const expected = await getAlone(one.url + path);
    expect(JSON.parse(expected).data.length).toBeGreaterThan(0);
    const workers = childrenOf(two.pid, 'bench/baseline.ts');
    expect(workers).toHaveLength(2);
    for (let i = 0; i < 8; i++) expect(await getAlone(two.url + path)).toBe(expected);

    const page = await startServer('bench/static-page.ts', { PAGE_URL: one.url + path });
    const fromMemory = await fetch(`${page.url}${path}`);
    expect(fromMemory.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await fromMemory.text()).toBe(expected);

    await Promise.all([one.stop(), two.stop(), page.stop()]);
    expect(workers.filter(alive)).toEqual([]);
  }, 60_000);

  it.each([
    ['a worker dies', 'worker', 1],
    ['SIGINT reaches the first process', 'SIGINT', 0],
  ] as const)('stops every worker when %s', async (_, how, code) => {
    const port = await freePort();
    const { child, exit } = spawnScript('bench/baseline.ts', [], { DATABASE_URL: db, BASELINE_WORKERS: '2', PORT: String(port) });
    // Not before a worker answers: only then has the first process forked both and set its signal handlers
    // (earlier, a child tsx forks while loading still shows the first process's command line until it execs).
    await until(() => getAlone(`http://127.0.0.1:${port}/health`).catch(() => undefined), 'a worker');
    const workers = childrenOf(child.pid!, 'bench/baseline.ts');
    expect(workers).toHaveLength(2);
    if (how === 'worker') process.kill(workers[0], 'SIGKILL');
    else child.kill('SIGINT');
    const exited = await exit;
    expect(exited.code, exited.stderr).toBe(code);
    if (how === 'worker') expect(exited.stderr).toContain(`baseline worker ${workers[0]} exited (SIGKILL): stopping the others`);
    expect(workers.filter(alive)).toEqual([]);
  }, 60_000);

  it('refuses a worker count that is not a whole number from 1 to 64', () => {
    for (const count of ['0', '1.5', 'two', '65', '0x2', ' 2']) {
      const refused = run('bench/baseline.ts', [], { DATABASE_URL: join(dir, 'never.db'), BASELINE_WORKERS: count });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`BASELINE_WORKERS must be a whole number from 1 to 64, got ${count}`);
    }
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('refuses to start the page server without a page it can fetch', async () => {
    expect(run('bench/static-page.ts', [], { PAGE_URL: '' })).toMatchObject({ status: 1, stderr: expect.stringContaining('PAGE_URL is required') });
    const nowhere = `http://127.0.0.1:${await freePort()}/v1/claims`;
    expect(run('bench/static-page.ts', [], { PAGE_URL: nowhere }))
      .toMatchObject({ status: 1, stderr: expect.stringContaining(`${nowhere} could not be fetched`) });
  });
});

describe('the entity page from stored claim JSON (a prototype read path)', () => {
  it('stores every claim, batch after batch, and answers every entity with the bytes the bare baseline answers', async () => {
    const memory = seededDb();
    memory.exec("ATTACH ':memory:' AS stored");
    const claims = memory.prepare('SELECT count(*) FROM claims').pluck().get() as number;
    // Batches of 10 leave a short last one, as batches of 500 do at a million claims.
    expect(claims % 10).not.toBe(0);
    expect(renderClaimJson(memory, 10)).toBe(claims);
    expect(memory.prepare('SELECT count(*) FROM stored.claim_json').pluck().get()).toBe(claims);
    const [stored, baseline] = [buildStoredJson(memory), buildBaseline(memory)];
    const entities = memory.prepare('SELECT id FROM entities').pluck().all() as string[];
    let withNextPage = 0;
    for (const entity of [...entities, 'nobody']) {
      const [ours, theirs] = await Promise.all([stored, baseline].map((app) => app.inject({ url: `/v1/claims?entity=${entity}` })));
      expect(ours.statusCode).toBe(200);
      expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
      expect(ours.body, entity).toBe(theirs.body);
      if (ours.json().next_cursor !== null) withNextPage += 1;
    }
    expect(withNextPage).toBeGreaterThan(0);
    await Promise.all([stored.close(), baseline.close()]);
  });

  it('renders into a side file and serves from it, as its commands say', async () => {
    const side = join(dir, 'claim-json.db');
    const rendered = run('bench/stored-json.ts', ['render'], { DATABASE_URL: db, STORED_JSON: side });
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout).toMatch(new RegExp(`^189 claims rendered into ${side} in [\\d.]+ s`));
    const port = await freePort();
    const { exit } = spawnScript('bench/stored-json.ts', ['serve'], { DATABASE_URL: db, STORED_JSON: side, PORT: String(port) });
    const path = '/v1/claims?entity=north-korea';
    const body = await until(() => getAlone(`http://127.0.0.1:${port}${path}`).catch(() => undefined), 'the stored-json server');
    const baseline = await startServer('bench/baseline.ts', { DATABASE_URL: db });
    expect(body).toBe(await getAlone(baseline.url + path));
    await baseline.stop();
    spawned.at(-1)!.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  }, 60_000);

  it.each([
    ['an unknown command', ['draw'], { STORED_JSON: 'side.db' }, 'usage: DATABASE_URL=<db> STORED_JSON=<side file>'],
    ['no side file named', ['render'], {}, 'usage: DATABASE_URL=<db> STORED_JSON=<side file>'],
    ['serving before rendering', ['serve'], { STORED_JSON: 'unrendered.db' }, 'unrendered.db does not exist: run render first'],
  ] as const)('refuses %s, creating nothing', (_, args, env, message) => {
    const inDir = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, join(dir, v)]));
    const refused = run('bench/stored-json.ts', [...args], { DATABASE_URL: join(dir, 'never.db'), STORED_JSON: '', ...inDir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(message);
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
    for (const file of Object.values(inDir)) expect(existsSync(file)).toBe(false);
  });
});
