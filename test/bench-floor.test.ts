// The servers that bound the latency figures from below (README: "Benchmarks and performance"): the bare
// baseline on several processes, and a page sent from memory. They must answer what the baseline answers,
// and leave no process behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, startServer } from '../bench/servers.js';
import { useProcesses } from './processes.js';

const { dir, run } = useProcesses('bench-floor');
afterAll(killAll);

/** The pids whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      // The parent is the field after the state, and the command in parentheses may hold spaces.
      return Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
    } catch {
      return false;
    }
  }).map(Number);
}

describe('the floor under the latency figures', () => {
  const path = '/v1/claims?entity=north-korea';

  it('serves the baseline from BASELINE_WORKERS processes with one answer, and a page from memory, and stops them all', async () => {
    const db = join(dir, 'seed.db');
    expect(run('seed/cli.ts', ['load'], { DATABASE_URL: db }).status).toBe(0);
    const one = await startServer('bench/baseline.ts', { DATABASE_URL: db });
    const two = await startServer('bench/baseline.ts', { DATABASE_URL: db, BASELINE_WORKERS: '2' });
    const expected = await (await fetch(one.url + path)).text();
    expect(JSON.parse(expected).data.length).toBeGreaterThan(0);
    const workers = childrenOf(two.pid);
    expect(workers).toHaveLength(2);
    for (let i = 0; i < 6; i++) expect(await (await fetch(two.url + path)).text()).toBe(expected);

    const page = await startServer('bench/static-page.ts', { PAGE_URL: one.url + path });
    const fromMemory = await fetch(`${page.url}${path}`);
    expect(fromMemory.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await fromMemory.text()).toBe(expected);

    await Promise.all([one.stop(), two.stop(), page.stop()]);
    expect(workers.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  }, 60_000);

  it('refuses a worker count that is not a whole number from 1 to 64', () => {
    for (const count of ['0', '1.5', 'two', '65']) {
      const refused = run('bench/baseline.ts', [], { DATABASE_URL: join(dir, 'never.db'), BASELINE_WORKERS: count });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`BASELINE_WORKERS must be a whole number from 1 to 64, got ${count}`);
    }
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('refuses to start the page server without a page', () => {
    const refused = run('bench/static-page.ts', [], { PAGE_URL: '' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('PAGE_URL is required');
  });
});
