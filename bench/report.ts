// A run's result as stored (bench/results/<date>-<size>.json), the issue's targets judged from its numbers,
// and BENCHMARKS.md's generated part: one section per corpus size, from the latest result of that size.
// `node --import tsx bench/report.ts` regenerates BENCHMARKS.md from the stored results alone.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConditions } from './machine.js';
import type { ExportResult, LoadResult, LoadTool, Pause } from './measure.js';
import type { FlatInTurns } from './in-turns.js';
import type { Choices, ScenarioKind } from './scenarios.js';
import { renderSection, times } from './report-markdown.js';

export interface ScenarioResult extends LoadResult {
  name: string;
  kind: ScenarioKind;
  request: string;
  paths: number;
  /** The first request, sent alone before any load: its status, items, and time (work without queueing). */
  first_response: { status: number; items: number; ms: number };
  /** Whether a warm-up ran (skipped when one request alone took longer than the warm-up). */
  warmed: boolean;
  /** How long the server stayed busy with queued requests after the load ended. */
  settle_ms: number;
  /** The server's peak RSS from the first request to the end of settling. */
  peak_rss: number;
  ok: boolean;
  failure?: string;
}

/** Requests per second of the two servers in one round of loading them in turn. */
export interface Round { claimtrail_req_per_s: number; baseline_req_per_s: number }

export interface BaselineResult {
  scenario: string;
  baseline: ScenarioResult;
  /** From the scenario's own run, minutes before the baseline's. */
  claimtrail_req_per_s: number;
  /** The two loaded in turn. */
  rounds: Round[];
  /** The median of the rounds' claimtrail / baseline req/s. */
  ratio: number;
  same_answer: boolean;
}

export interface BenchResult {
  name: string;
  date: string;
  command: string;
  /**
   * rounds and turn_s (each server's turn in a round against the baseline, s): absent in results from before
   * the rounds; flat_turn_s the same for the corpus sizes loaded in turn, absent before that.
   */
  settings: { duration: number; warmup: number; connections: number; tool?: LoadTool; rounds?: number; turn_s?: number; flat_turn_s?: number };
  machine: { cpu: string; cores: number; memory_bytes: number; os: string; busy_before: number };
  /** The machine's speed and the hypervisor's share while this corpus was measured (absent in older results). */
  conditions?: RunConditions;
  versions: Record<string, string>;
  git_commit: string;
  corpus: { db: string; bytes: number; claims: number; entity_claims: number };
  choices: Omit<Choices, 'claimIds'> & { claim_ids: number };
  scenarios: ScenarioResult[];
  baseline: BaselineResult[];
  export?: ExportResult & { request: string; slow_client: Pause; ok: boolean; failure?: string };
  /** Why the export gave no figures (it threw: a timeout, a lost connection); the rest of the run is kept. */
  export_failure?: string;
  server: { idle_rss: number; peak_rss: number; peak_anon: number };
  baseline_server?: { peak_rss: number };
  /**
   * p50 per scenario of a run on a smaller corpus, for the "cost flat as the corpus grows" target, and,
   * when that corpus was measured by the same command, each scenario on the two loaded in turn (judged).
   */
  compare?: {
    name: string; claims: number; p50: Record<string, number>; in_turns?: Record<string, FlatInTurns>;
    /** Why the pass loading the two in turn stopped (a server that would not start, ...): the runs apart are judged. */
    in_turns_failure?: string;
  };
  targets: TargetCheck[];
}

export interface TargetCheck { id: string; target: string; measured: string; pass: boolean | null }

export const LIMITS = {
  listP99Ms: 15, hotOverCold: 1.25, baselineRatio: 0.9, searchP99Ms: 50, p50Growth: 1.5,
  rssBytes: 300 * 2 ** 20,
  // An export in constant memory: the server's anonymous memory (RssAnon: heap and buffers, not mapped
  // files) grows by less than this over a 100k-row export read at full speed, and by less than this while
  // a client stops reading for a while after the first tenth (a server ignoring backpressure would go on
  // producing the rest into memory).
  // V8 grows its heap in steps with allocation, so RSS cannot show "proportional to rows" on exports of
  // tens of MB; the bound says the export costs a fixed amount, whatever the number of rows.
  exportGrowthBytes: 64 * 2 ** 20,
} as const;

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const worst = (rows: ScenarioResult[], key: (r: ScenarioResult) => number) =>
  rows.reduce((a, b) => (key(b) > key(a) ? b : a));

function p99Target(id: string, target: string, rows: ScenarioResult[], limit: number): TargetCheck {
  if (rows.length === 0) return { id, target, measured: 'not run', pass: null };
  const bad = rows.filter((r) => !r.ok);
  const top = worst(rows, (r) => r.latency_ms.p99);
  const measured = `worst p99 ${ms(top.latency_ms.p99)} (${top.name})${bad.length ? `; failed: ${bad.map((r) => r.name).join(', ')}` : ''}`;
  return { id, target, measured, pass: bad.length === 0 && rows.every((r) => r.latency_ms.p99 <= limit) };
}

function hotColdTarget(r: BenchResult): TargetCheck {
  const target = `hot entity p50 <= ${LIMITS.hotOverCold}x cold entity p50`;
  const hot = r.scenarios.find((s) => s.name === 'claims-by-entity-hot');
  const cold = r.scenarios.find((s) => s.name === 'claims-by-entity-cold');
  if (!hot || !cold) return { id: 'hot-vs-cold', target, measured: 'not run', pass: null };
  const ratio = hot.latency_ms.p50 / cold.latency_ms.p50;
  return { id: 'hot-vs-cold', target, measured: `${ratio.toFixed(2)}x (${ms(hot.latency_ms.p50)} vs ${ms(cold.latency_ms.p50)})`,
    pass: hot.ok && cold.ok && ratio <= LIMITS.hotOverCold };
}

function baselineTarget(r: BenchResult): TargetCheck {
  const target = `entity list >= ${LIMITS.baselineRatio}x the bare baseline's req/s (same SQL, same answer)`;
  if (r.baseline.length === 0) return { id: 'baseline', target, measured: 'not run', pass: null };
  const measured = r.baseline.map((b) => `${b.scenario.replace('claims-by-entity-', '')} ${times(b.ratio)}` +
    `${b.same_answer ? '' : ' (answers differ)'}${b.baseline.ok ? '' : ' (baseline failed)'}`).join(', ');
  const pass = r.baseline.every((b) => b.same_answer && b.baseline.ok && b.ratio >= LIMITS.baselineRatio &&
    r.scenarios.find((s) => s.name === b.scenario)?.ok === true);
  return { id: 'baseline', target, measured, pass };
}

/**
 * Per scenario, its p50 ratio: loaded in turn with the smaller corpus when it was (the median of the
 * rounds), else from the two runs minutes apart.
 */
function flatRatios(r: BenchResult, compare: NonNullable<BenchResult['compare']>) {
  return r.scenarios.filter((s) => compare.p50[s.name] !== undefined).map((s) => {
    const turns = compare.in_turns?.[s.name];
    return turns
      ? { name: s.name, ratio: turns.ratio ?? NaN, ok: s.ok && turns.ok, inTurns: true }
      : { name: s.name, ratio: s.latency_ms.p50 / compare.p50[s.name], ok: s.ok, inTurns: false };
  });
}

function flatTarget(r: BenchResult): TargetCheck {
  const target = `each operation's p50 within ${LIMITS.p50Growth}x of its p50 on the smaller corpus`;
  if (!r.compare || r.compare.claims >= r.corpus.claims) return { id: 'flat', target, measured: 'no smaller corpus to compare', pass: null };
  const pairs = flatRatios(r, r.compare);
  if (pairs.length === 0) return { id: 'flat', target, measured: 'no scenario in common', pass: null };
  const over = pairs.filter((p) => !(p.ratio <= LIMITS.p50Growth));
  const top = pairs.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const how = pairs.every((p) => p.inTurns) ? ', loaded in turn' : pairs.some((p) => p.inTurns) ? ', some loaded in turn' : '';
  const bad = pairs.filter((p) => !p.ok);
  return {
    id: 'flat', target: `${target} (${r.compare.claims.toLocaleString('en-US')} claims${how})`,
    measured: `worst ${top.ratio.toFixed(2)}x (${top.name})${over.length ? `; over: ${over.map((p) => p.name).join(', ')}` : ''}` +
      `${bad.length ? `; failed: ${bad.map((p) => p.name).join(', ')}` : ''}` +
      `${r.compare.in_turns_failure ? `; loading in turn failed (${r.compare.in_turns_failure}), so the runs apart are judged` : ''}`,
    pass: over.length === 0 && bad.length === 0,
  };
}

function exportTarget(r: BenchResult): TargetCheck {
  const target = `CSV export in constant memory (server RssAnon grows < ${mib(LIMITS.exportGrowthBytes)} over the export,` +
    ' and while a client pauses)';
  const e = r.export;
  if (r.export_failure !== undefined) return { id: 'export-memory', target, measured: `failed: ${r.export_failure}`, pass: false };
  if (!e) return { id: 'export-memory', target, measured: 'not run', pass: null };
  const growth = e.peak_anon - e.anon_before;
  const paused = e.slow_client.peak_anon_during - e.slow_client.anon_at_pause;
  const measured = `${e.rows.toLocaleString('en-US')} rows: +${mib(growth)}; paused ${e.slow_client.ms / 1000} s with` +
    ` ${mib(e.slow_client.bytes_after)} to come: +${mib(paused)}${e.ok ? '' : `; failed: ${e.failure}`}`;
  return { id: 'export-memory', target, measured,
    pass: e.ok && growth < LIMITS.exportGrowthBytes && paused < LIMITS.exportGrowthBytes };
}

/** The issue's figures, each judged from the run's own numbers: true, false, or null when not measured. */
export function evaluate(r: BenchResult): TargetCheck[] {
  return [
    p99Target('list-p99', `every list, filter and figures operation: p99 <= ${LIMITS.listP99Ms} ms`,
      r.scenarios.filter((s) => s.kind === 'list'), LIMITS.listP99Ms),
    hotColdTarget(r),
    baselineTarget(r),
    p99Target('search-p99', `full-text search p99 <= ${LIMITS.searchP99Ms} ms, whatever the words`,
      r.scenarios.filter((s) => s.kind === 'search'), LIMITS.searchP99Ms),
    flatTarget(r),
    { id: 'rss', target: `server RSS under load < ${mib(LIMITS.rssBytes)}`, measured: `peak ${mib(r.server.peak_rss)}`,
      pass: r.server.peak_rss < LIMITS.rssBytes },
    exportTarget(r),
  ];
}

export const sizeLabel = (claims: number) =>
  claims >= 1e6 && claims % 1e5 === 0 ? `${claims / 1e6}m` : claims >= 1e3 && claims % 100 === 0 ? `${claims / 1e3}k` : String(claims);

export function readResults(dir: string): BenchResult[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchResult);
}

/** The latest result for each corpus size, smallest corpus first. */
export function latestBySize(results: BenchResult[]): BenchResult[] {
  const latest = new Map<number, BenchResult>();
  for (const r of results) {
    const seen = latest.get(r.corpus.claims);
    if (!seen || seen.date < r.date) latest.set(r.corpus.claims, r);
  }
  return [...latest.values()].sort((a, b) => a.corpus.claims - b.corpus.claims);
}

const START = '<!-- bench:results:start (generated by bench/report.ts from bench/results/*.json; do not edit) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of the markdown (between the markers; appended when they are missing). */
export function updateMarkdown(markdown: string, results: BenchResult[]): string {
  const sections = latestBySize(results).map(renderSection);
  const generated = `${START}\n${sections.length ? sections.join('\n') : '_No results yet: run `npm run bench`._\n'}${END}`;
  const at = markdown.indexOf(START.slice(0, 30));
  const end = markdown.indexOf(END);
  return at >= 0 && end > at ? markdown.slice(0, at) + generated + markdown.slice(end + END.length) : `${markdown.trimEnd()}\n\n${generated}\n`;
}

export function writeResult(dir: string, result: BenchResult): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function regenerate(resultsDir: string, markdownFile: string): void {
  const before = existsSync(markdownFile) ? readFileSync(markdownFile, 'utf8') : '# Benchmarks\n';
  writeFileSync(markdownFile, updateMarkdown(before, readResults(resultsDir)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  regenerate(join(root, 'bench/results'), join(root, 'BENCHMARKS.md'));
  console.log(`${basename(join(root, 'BENCHMARKS.md'))} regenerated`);
}
