// The benchmark harness (bench/): its verdicts on fixed numbers, its baseline against the real route,
// and one short run end to end on the seed corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBaseline, BASELINE_SQL } from '../bench/baseline.js';
import { flatTurnSeconds } from '../bench/in-turns.js';
import { turnSeconds } from '../bench/measure.js';
import { renderSection } from '../bench/report-markdown.js';
import { evaluate, updateMarkdown, LIMITS, type BenchResult, type ScenarioResult } from '../bench/report.js';
import { buildApp } from '../src/app.js';
import { ROOT, useProcesses } from './processes.js';
import { recordStatements, seededDb } from './helpers.js';

function scenario(name: string, kind: ScenarioResult['kind'], p50: number, p99: number, rps = 1000): ScenarioResult {
  return {
    name, kind, request: `/v1/${name}`, paths: 1, first_response: { status: 200, items: 50, ms: p50 / 5 }, warmed: true,
    settle_ms: 60, peak_rss: 200 * 2 ** 20, requests: rps * 10, seconds: 10,
    req_per_s: rps, latency_ms: { p50, p90: p99, p99, mean: p50, max: p99 }, errors: 0, timeouts: 0, non_2xx: 0,
    status_codes: { 200: rps * 10 }, bytes_per_response: 40_000, ok: true,
  };
}

function fixture(): BenchResult {
  const hot = scenario('claims-by-entity-hot', 'list', 5, 12, 900);
  return {
    name: '2025-01-01-1m', date: '2025-01-01T00:00:00.000Z', command: 'npm run bench -- --db x.db',
    settings: { duration: 10, warmup: 2, connections: 10 },
    machine: { cpu: 'Test CPU', cores: 2, memory_bytes: 2 ** 34, os: 'linux', busy_before: 0.01 },
    versions: { node: 'v20', npm: '11', sqlite: '3.51', better_sqlite3: '12', fastify: '5', autocannon: '9' },
    git_commit: 'abc123', corpus: { db: 'x.db', bytes: 2 ** 30, claims: 1_000_000, entity_claims: 3_000_000 },
    choices: {
      claims: 1_000_000, entityClaims: 3_000_000, hotEntity: { id: 'hot', claims: 100_000 },
      coldEntity: { id: 'cold', claims: 100, inRange: true }, claimant: { id: 'nis', claims: 50_000 },
      topic: { id: 'troops', figures: 9000 }, month: { month: '2024-10', claims: 30_000 },
      words: { rare: { id: 'rare', claims: 3 }, common: { id: 'said', claims: 990_000 }, phrase: { id: '"a b"', claims: 10 } },
      namePrefix: { q: 'hot', entity: 'hot' }, export: { query: 'format=csv&to=2024-01-01', rows: 100_000 }, claim_ids: 1000,
    },
    scenarios: [
      scenario('claims-unfiltered', 'list', 4, 10), scenario('claims-by-entity-cold', 'list', 4.5, 11, 1000), hot,
      scenario('search-common-word', 'search', 20, 45), scenario('claim-by-id', 'item', 1, 30),
    ],
    baseline: [{ scenario: hot.name, baseline: scenario('baseline-hot', 'list', 4, 9, 950), claimtrail_req_per_s: 900,
      rounds: [{ claimtrail_req_per_s: 910, baseline_req_per_s: 960 }, { claimtrail_req_per_s: 890, baseline_req_per_s: 940 }],
      ratio: 900 / 950, same_answer: true }],
    export: { request: '/v1/claims?format=csv', status: 200, rows: 100_000, expected_rows: 100_000, bytes: 60 * 2 ** 20,
      wall_ms: 2000, rows_per_s: 50_000, rss_before: 150 * 2 ** 20, peak_rss: 170 * 2 ** 20, anon_before: 100 * 2 ** 20,
      peak_anon: 110 * 2 ** 20, ok: true,
      slow_client: { at_rows: 10_000, ms: 3000, anon_at_pause: 105 * 2 ** 20, peak_anon_during: 110 * 2 ** 20, bytes_after: 50 * 2 ** 20 } },
    server: { idle_rss: 150 * 2 ** 20, peak_rss: 250 * 2 ** 20, peak_anon: 180 * 2 ** 20 },
    compare: { name: '2025-01-01-10k', claims: 10_000, p50: { 'claims-unfiltered': 3, 'claims-by-entity-hot': 4 } },
    targets: [],
  };
}

const verdicts = (r: BenchResult) => Object.fromEntries(evaluate(r).map((t) => [t.id, t.pass]));

describe('targets judged from the numbers', () => {
  it('passes every target the numbers meet, and leaves the item route out of the list target', () => {
    expect(verdicts(fixture())).toEqual({
      'list-p99': true, 'hot-vs-cold': true, baseline: true, 'search-p99': true, flat: true, rss: true, 'export-memory': true,
    });
  });

  it('fails each target on numbers just past its limit', () => {
    const r = fixture();
    r.scenarios[0].latency_ms.p99 = LIMITS.listP99Ms + 0.1;
    r.scenarios[2].latency_ms.p50 = 4.5 * LIMITS.hotOverCold + 0.1;
    r.baseline[0].ratio = LIMITS.baselineRatio - 0.01;
    r.scenarios[3].latency_ms.p99 = LIMITS.searchP99Ms + 1;
    r.server.peak_rss = LIMITS.rssBytes;
    r.export!.slow_client.peak_anon_during = r.export!.slow_client.anon_at_pause + LIMITS.exportGrowthBytes;
    r.compare!.p50['claims-unfiltered'] = 4 / LIMITS.p50Growth - 0.1;
    expect(verdicts(r)).toEqual({
      'list-p99': false, 'hot-vs-cold': false, baseline: false, 'search-p99': false, flat: false, rss: false, 'export-memory': false,
    });
  });

  it('fails a target whose scenario had a non-2xx response, whatever its latency', () => {
    const r = fixture();
    Object.assign(r.scenarios[1], { non_2xx: 3, ok: false, failure: '3 non-2xx responses' });
    r.baseline[0].same_answer = false;
    const checks = evaluate(r);
    expect(checks.find((t) => t.id === 'list-p99')).toMatchObject({ pass: false, measured: expect.stringContaining('failed: claims-by-entity-cold') });
    expect(checks.find((t) => t.id === 'baseline')).toMatchObject({ pass: false, measured: expect.stringContaining('answers differ') });
  });

  it('fails the export target, naming why, when the export threw', () => {
    const r = { ...fixture(), export: undefined, export_failure: 'export: no response in 120 s' };
    expect(evaluate(r).find((t) => t.id === 'export-memory')).toEqual(expect.objectContaining({
      pass: false, measured: 'failed: export: no response in 120 s',
    }));
    expect(renderSection({ ...r, targets: evaluate(r) })).toContain('- CSV export: **FAILED: export: no response in 120 s**');
  });

  it('judges flatness on the two corpora loaded in turn when they were, and shows both ratios', () => {
    const r = fixture();
    // Minutes apart, claims-unfiltered looks 2x slower on the larger corpus; loaded in turn, it is 1.1x.
    r.compare!.p50['claims-unfiltered'] = 2;
    const turn = (smaller: number, larger: number) => ({ smaller_p50: smaller, larger_p50: larger });
    r.compare!.in_turns = {
      'claims-unfiltered': { rounds: [turn(4, 4.4), turn(5, 5.5), turn(3, 9)], ratio: 1.1, ok: true },
      'claims-by-entity-hot': { rounds: [turn(4, 5), turn(4, 5.2)], ratio: 1.275, ok: true },
    };
    r.settings.flat_turn_s = 1.25;
    const flat = () => evaluate(r).find((t) => t.id === 'flat')!;
    expect(flat()).toMatchObject({ pass: true, measured: 'worst 1.27x (claims-by-entity-hot)' });
    expect(flat().target).toContain('(10,000 claims, loaded in turn)');
    const markdown = renderSection({ ...r, targets: evaluate(r) });
    expect(markdown).toContain('| 2.00x | 1.10x |');
    expect(markdown).toContain('the median over 3 rounds in which a server on each corpus was loaded in turn (ABBA..., 1.25 s each)');
    // Over the limit in turn fails, however it looked minutes apart; so does a failed response in a turn.
    r.compare!.in_turns['claims-unfiltered'].ratio = LIMITS.p50Growth + 0.01;
    expect(flat()).toMatchObject({ pass: false, measured: expect.stringContaining('over: claims-unfiltered') });
    r.compare!.in_turns['claims-unfiltered'] = { rounds: [turn(4, 4)], ratio: 1, ok: false, failure: '2 failed responses' };
    expect(flat()).toMatchObject({ pass: false, measured: expect.stringContaining('failed: claims-unfiltered') });
    // No round with responses on both sides: no ratio, shown as n/a, and failed.
    r.compare!.in_turns['claims-unfiltered'] = { rounds: [turn(4, NaN)], ratio: null, ok: false, failure: 'a turn without a response' };
    expect(flat()).toMatchObject({ pass: false, measured: expect.stringContaining('failed: claims-unfiltered') });
    expect(renderSection(JSON.parse(JSON.stringify({ ...r, targets: evaluate(r) })))).toContain('| 2.00x | n/a **FAILED** |');
    // A scenario not loaded in turn keeps the ratio of the two runs.
    delete r.compare!.in_turns['claims-unfiltered'];
    expect(flat()).toMatchObject({ pass: false, measured: 'worst 2.00x (claims-unfiltered); over: claims-unfiltered' });
    expect(flat().target).toContain('(10,000 claims, some loaded in turn)');
    // When loading in turn failed altogether, the runs apart are judged, and the reason is given.
    r.compare = { ...r.compare!, in_turns: undefined, in_turns_failure: 'src/server.ts did not start' };
    expect(flat()).toMatchObject({ pass: false, measured: expect.stringContaining('loading in turn failed (src/server.ts did not start)') });
  });

  it('says n/a, not pass, for what was not measured', () => {
    const r = { ...fixture(), baseline: [], compare: undefined, export: undefined };
    expect(verdicts(r)).toMatchObject({ baseline: null, flat: null, 'export-memory': null });
  });

  it('writes the table between its markers and keeps the hand-written text around them', () => {
    const r = { ...fixture(), targets: evaluate(fixture()) };
    const once = updateMarkdown('# Benchmarks\n\nHow to run.\n', [r]);
    const twice = updateMarkdown(`${once}\nAfter.\n`, [r, { ...r, date: '2024-01-01T00:00:00.000Z', git_commit: 'older' }]);
    expect(twice).toContain('How to run.');
    expect(twice).toContain('After.');
    expect(twice.match(/### 1,000,000 claims/g)).toHaveLength(1);
    expect(twice).toContain('commit `abc123`');
    expect(twice).toContain('| claims-by-entity-hot | `/v1/claims-by-entity-hot` | 1.00 | 5.00 | 12.0 | 12.0 | 5.00 | 900 | 39 KiB | 0 / 0 | 200 MiB | 1.25x |');
    expect(twice).toContain('| claims-by-entity-hot | 900 | 950 | 910 / 960, 890 / 940 | 0.95x | 4.00 | 9.00 | yes |');
    expect(twice).toMatch(/\| every list, filter and figures operation: p99 <= 15 ms \| worst p99 12.0 ms \(claims-by-entity-hot\) \| \*\*pass\*\* \|/);
  });
});

describe('the bare baseline', () => {
  it.each(['nk-forces-in-russia', 'north-korea'])('runs the SQL claimtrail runs for ?entity=%s and answers the same', async (entity) => {
    const db = seededDb();
    const runs = recordStatements(db);
    const app = await buildApp({ config: { logLevel: 'silent' }, db });
    const baseline = buildBaseline(db);
    const ours = await app.inject({ url: `/v1/claims?entity=${entity}` });
    // Taken before the baseline answers: its own statements must not count as claimtrail's.
    const seen = new Set(runs.map((r) => r.sql.replace(/\s+/g, ' ').trim()));
    const theirs = await baseline.inject({ url: `/v1/claims?entity=${entity}` });
    expect(ours.statusCode).toBe(200);
    expect(theirs.json()).toEqual(ours.json());
    expect(ours.json().data.length).toBeGreaterThan(0);
    for (const sql of Object.values(BASELINE_SQL)) expect([...seen]).toContain(sql.replace(/\s+/g, ' ').trim());
    await Promise.all([app.close(), baseline.close()]);
  });
});

/** Processes still running with this database in their environment (the harness must have killed its servers). */
function processesUsing(db: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`DATABASE_URL=${db}`);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('the rounds against the baseline', () => {
  it('load each server for about twice a scenario, in whole seconds for wrk, never under 1 s', () => {
    expect(turnSeconds({ duration: 10, rounds: 8 })).toBe(2.5);
    expect(turnSeconds({ duration: 10, rounds: 8, tool: 'wrk' })).toBe(3);
    expect(turnSeconds({ duration: 1, rounds: 64 })).toBe(1);
  });

  it('between corpus sizes, load each server for about one scenario, never under 1 s', () => {
    expect(flatTurnSeconds({ duration: 10, rounds: 8 })).toBe(1.25);
    expect(flatTurnSeconds({ duration: 10, rounds: 8, tool: 'wrk' })).toBe(1);
    expect(flatTurnSeconds({ duration: 30, rounds: 4, tool: 'wrk' })).toBe(8);
    expect(flatTurnSeconds({ duration: 1, rounds: 64 })).toBe(1);
  });

  it('must be an even number, so claimtrail goes first in half of them', () => {
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--db', 'none.db', '--rounds', '3'],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('--rounds must be an even number from 2 to 64, not 3');
  });
});

describe('npm run bench on the seed corpus', () => {
  const { dir, run } = useProcesses('bench');

  it('measures two scenarios, the baseline and the export, writes the result and the table, and stops its servers', () => {
    const db = join(dir, 'seed.db');
    expect(run('seed/cli.ts', ['load'], { DATABASE_URL: db }).status).toBe(0);
    const started = Date.now();
    const bench = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--db', db, '--duration', '1', '--warmup', '0.3',
      '--rounds', '4', '--only', 'claims-by-entity-hot,search-common-word,csv-export', '--results-dir', join(dir, 'results'),
      '--markdown', join(dir, 'BENCHMARKS.md')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(bench.status, bench.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(processesUsing(db)).toEqual([]);

    const [file] = readdirSync(join(dir, 'results'));
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-189\.json$/);
    const result = JSON.parse(readFileSync(join(dir, 'results', file), 'utf8')) as BenchResult;
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.versions).toMatchObject({ node: process.version, sqlite: expect.stringMatching(/^3\./) });
    expect(result.command).toContain('--only claims-by-entity-hot,search-common-word,csv-export');
    expect(result.scenarios.map((s) => s.name)).toEqual(['claims-by-entity-hot', 'search-common-word']);
    for (const s of [...result.scenarios, result.baseline[0].baseline]) {
      expect(s, s.name).toMatchObject({ ok: true, non_2xx: 0, errors: 0 });
      expect(s.requests).toBeGreaterThan(10);
      const l = s.latency_ms;
      expect(0 < l.p50 && l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.max, JSON.stringify(l)).toBe(true);
    }
    expect(result.baseline).toHaveLength(1);
    expect(result.baseline[0]).toMatchObject({ scenario: 'claims-by-entity-hot', same_answer: true });
    // The ratio is the median of rounds in which both servers were loaded in turn.
    const { rounds, ratio } = result.baseline[0];
    expect(rounds).toHaveLength(4);
    expect(result.settings).toMatchObject({ rounds: 4, turn_s: 1 });
    const quotients = rounds.map((t) => t.claimtrail_req_per_s / t.baseline_req_per_s).sort((a, b) => a - b);
    expect(ratio).toBeCloseTo((quotients[1] + quotients[2]) / 2, 3);
    expect(result.export).toMatchObject({ status: 200, rows: 189, expected_rows: 189, ok: true });
    // Sampled from before the first load to after the export: never below the idle server.
    expect(result.server.peak_rss).toBeGreaterThanOrEqual(result.server.idle_rss);
    // Recorded so a run on a slow or crowded machine shows it: the fixed loop's time and the steal share.
    expect(result.conditions!.probe_s).toBeGreaterThan(0.05);
    expect(result.conditions!.steal).toBeGreaterThanOrEqual(0);
    expect(result.conditions!.steal).toBeLessThanOrEqual(1);
    expect(result.targets.map((t) => t.id)).toEqual(['list-p99', 'hot-vs-cold', 'baseline', 'search-p99', 'flat', 'rss', 'export-memory']);
    const markdown = readFileSync(join(dir, 'BENCHMARKS.md'), 'utf8');
    expect(markdown).toContain('| claims-by-entity-hot | `/v1/claims?entity=nk-forces-in-russia` |');
    expect(markdown).toContain('The ratio is the median over 4 rounds in which the two servers were loaded in turn (ABBA..., 1 s each)');
    expect(markdown).toContain(`reference loop ${result.conditions!.probe_s.toFixed(2)} s`);
  }, 90_000);

  it('compares two corpus sizes loaded in turn, scenario by scenario, and judges flatness on that', () => {
    const small = join(dir, 'seed.db');
    if (!existsSync(small)) expect(run('seed/cli.ts', ['load'], { DATABASE_URL: small }).status).toBe(0);
    const large = join(dir, 'synthetic.db');
    expect(run('bench/generate.ts', ['--claims', '600', '--out', large]).status).toBe(0);
    const results = join(dir, 'two-sizes');
    const bench = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--db', large, '--db', small, '--duration', '1',
      '--warmup', '0.3', '--rounds', '2', '--only', 'claims-unfiltered,search-common-word', '--results-dir', results,
      '--markdown', join(dir, 'TWO.md')], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    expect(bench.status, bench.stderr).toBe(0);
    expect(processesUsing(small)).toEqual([]);
    expect(processesUsing(large)).toEqual([]);
    const [smaller, larger] = readdirSync(results).sort()
      .map((f) => JSON.parse(readFileSync(join(results, f), 'utf8')) as BenchResult)
      .sort((a, b) => a.corpus.claims - b.corpus.claims);
    expect([smaller.corpus.claims, larger.corpus.claims]).toEqual([189, 600]);
    expect(smaller.compare).toBeUndefined();
    const turns = larger.compare!.in_turns!;
    expect(Object.keys(turns)).toEqual(['claims-unfiltered', 'search-common-word']);
    for (const [name, t] of Object.entries(turns)) {
      expect(t.ok, name).toBe(true);
      expect(t.rounds).toHaveLength(2);
      for (const round of t.rounds) expect(round.smaller_p50 > 0 && round.larger_p50 > 0, JSON.stringify(round)).toBe(true);
      const [a, b] = t.rounds.map((x) => x.larger_p50 / x.smaller_p50);
      expect(t.ratio).toBeCloseTo((a + b) / 2, 3);
    }
    expect(larger.compare!.p50).toEqual(Object.fromEntries(smaller.scenarios.map((s) => [s.name, s.latency_ms.p50])));
    const flat = larger.targets.find((t) => t.id === 'flat')!;
    expect(flat.target).toContain('(189 claims, loaded in turn)');
    const worst = Object.entries(turns).reduce((a, b) => (b[1].ratio! > a[1].ratio! ? b : a));
    expect(flat.measured).toContain(`worst ${worst[1].ratio!.toFixed(2)}x (${worst[0]})`);
    expect(readFileSync(join(dir, 'TWO.md'), 'utf8')).toContain(`| ${turns['claims-unfiltered'].ratio!.toFixed(2)}x |`);
  }, 120_000);
});
