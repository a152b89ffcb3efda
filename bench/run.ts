// npm run bench -- --db <file> [--db <file> ...] [--duration 10] [--warmup 2] [--connections 10] [--tool autocannon|wrk]
//   [--rounds 8] [--only a,b] [--compare <result.json>] [--results-dir bench/results] [--markdown BENCHMARKS.md]
// Serves each database with the real server, loads each scenario with autocannon, then the bare baseline,
// writes bench/results/<date>-<size>.json and regenerates BENCHMARKS.md. Several --db run smallest first,
// each larger one compared with the smallest (the "cost flat as the corpus grows").
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { killAll } from './servers.js';
import { benchDatabase, type Settings } from './run-database.js';
import { machine } from './machine.js';
import { regenerate, writeResult, evaluate, type BenchResult } from './report.js';
import { choose, chosenScenarios } from './scenarios.js';
import { flatInTurns } from './in-turns.js';

const USAGE = 'usage: npm run bench -- --db <file> [--db <file> ...] [--duration 10] [--warmup 2] [--connections 10] [--tool autocannon|wrk] ' +
  '[--rounds 8] [--only scenario,...] [--compare <result.json>] [--results-dir bench/results] [--markdown BENCHMARKS.md]';

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || n > 3600) throw new Error(`--${name} must be a number of seconds or connections from >0 to 3600, not ${value}`);
  return n;
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      db: { type: 'string', multiple: true }, duration: { type: 'string' }, warmup: { type: 'string' },
      connections: { type: 'string' }, only: { type: 'string' }, compare: { type: 'string' },
      'results-dir': { type: 'string' }, markdown: { type: 'string' }, tool: { type: 'string' }, rounds: { type: 'string' },
    },
  });
  if (!values.db?.length) throw new Error(USAGE);
  const tool = values.tool ?? 'autocannon';
  if (tool !== 'autocannon' && tool !== 'wrk') throw new Error(`--tool must be autocannon or wrk, not ${tool}`);
  if (tool === 'wrk' && !commandExists('wrk')) throw new Error('--tool wrk: wrk is not installed (apt-get install wrk)');
  const rounds = Number(values.rounds ?? 8);
  // Even, so claimtrail goes first in exactly half of them (ABBA...).
  if (!Number.isInteger(rounds) || rounds < 2 || rounds > 64 || rounds % 2) throw new Error(`--rounds must be an even number from 2 to 64, not ${values.rounds}`);
  const settings: Settings = {
    duration: positive('duration', values.duration, 10),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup, 2),
    connections: Math.round(positive('connections', values.connections, 10)),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    tool,
    rounds,
  };
  return {
    settings, dbs: values.db.map((db) => (isAbsolute(db) ? db : resolve(db))),
    compare: values.compare ? JSON.parse(readFileSync(values.compare, 'utf8')) as BenchResult : undefined,
    resultsDir: values['results-dir'] ?? resolve('bench/results'), markdown: values.markdown ?? resolve('BENCHMARKS.md'),
  };
}

function commandExists(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The command as typed, so the table can say exactly how its numbers were made. */
function commandLine(argv: string[]): string {
  const quote = (a: string) => (/^[\w./=:,@-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
  const args = argv.map(quote).join(' ');
  return process.env.npm_lifecycle_event === 'bench' ? `npm run bench -- ${args}` : `node --import tsx bench/run.ts ${args}`;
}

const p50s = (r: BenchResult) => Object.fromEntries(r.scenarios.map((s) => [s.name, s.latency_ms.p50]));

async function main(argv: string[]): Promise<void> {
  const { settings, dbs, compare, resultsDir, markdown } = options(argv);
  const runs = dbs.map((file) => ({ file, bytes: statSync(file).size, choices: choose(file) }))
    .sort((a, b) => a.choices.claims - b.choices.claims);
  const about = await machine(commandLine(argv));
  if (about.machine.busy_before > 0.1) {
    console.error(`warning: the CPU was ${Math.round(about.machine.busy_before * 100)}% busy before the run: something else is running`);
  }
  const results: BenchResult[] = [];
  for (const run of runs) {
    console.error(`\n${run.file}: ${run.choices.claims.toLocaleString('en-US')} claims`);
    const result = await benchDatabase(run.file, run.bytes, run.choices, settings, about);
    const smaller = results[0] ?? compare;
    if (smaller && smaller.corpus.claims < result.corpus.claims) {
      result.compare = { name: smaller.name, claims: smaller.corpus.claims, p50: p50s(smaller) };
      // A smaller corpus of this command is still there to serve: the two are compared again loaded in turn.
      // If that fails, the run's own figures are kept and the runs apart judged.
      if (results[0]) {
        console.error(`\n${run.file} against ${runs[0].file}, in turns`);
        try {
          result.compare.in_turns = await flatInTurns(
            { file: runs[0].file, scenarios: chosenScenarios(runs[0].choices, settings.only) },
            { file: run.file, scenarios: chosenScenarios(run.choices, settings.only) }, settings);
        } catch (error) {
          result.compare.in_turns_failure = (error as Error).message;
          console.error(`  loading in turn FAILED: ${result.compare.in_turns_failure}`);
        }
      }
    }
    result.targets = evaluate(result);
    results.push(result);
    console.error(`wrote ${writeResult(resultsDir, result)}`);
    for (const t of result.targets) console.error(`  ${t.pass === null ? 'n/a ' : t.pass ? 'pass' : 'FAIL'}  ${t.target}: ${t.measured}`);
  }
  regenerate(resultsDir, markdown);
  console.error(`regenerated ${markdown}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.on('exit', killAll);

main(process.argv.slice(2)).catch((error: unknown) => {
  killAll();
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
