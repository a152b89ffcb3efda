// One database's run: claimtrail under each scenario, the bare baseline on the entity lists (and the
// two loaded in turn), then the CSV export. Only one server is ever under load, so neither competes
// with the other for the two cores.
import { isAbsolute, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { load, measureExport, settle, turnSeconds, type ExportResult, type LoadSettings } from './measure.js';
import { watchConditions, type Machine } from './machine.js';
import type { BaselineResult, BenchResult, Round, ScenarioResult } from './report.js';
import { sizeLabel } from './report.js';
import { BASELINE_SCENARIOS, EXPORT_SCENARIO, chosenScenarios, scenarios, type Choices, type Scenario } from './scenarios.js';
import { readMemory, sampleMemory, serverEnv, startServer, type Server } from './servers.js';
import { flatTurnSeconds, inTurns, median, SETTLE_MAX_MS } from './in-turns.js';

export interface Settings extends LoadSettings {
  warmup: number;
  only?: string[];
  /** Rounds loading claimtrail and the baseline in turn, for the ratio (even: ABBA...). */
  rounds: number;
}

const EXPORT_TIMEOUT_MS = 15 * 60_000;
type Sampler = ReturnType<typeof sampleMemory>;

/** The first response, alone before the load: its time, status, item count, and body for comparisons. */
async function firstResponse(base: string, s: Scenario) {
  const started = performance.now();
  const response = await fetch(base + s.paths[0], { signal: AbortSignal.timeout(SETTLE_MAX_MS) });
  const text = await response.text();
  const ms = Number((performance.now() - started).toFixed(3));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const data = (body as { data?: unknown[] } | undefined)?.data;
  return { status: response.status, items: Array.isArray(data) ? data.length : body ? 1 : 0, ms, body };
}

async function measure(base: string, s: Scenario, settings: Settings, memory: Sampler): Promise<{ result: ScenarioResult; body: unknown }> {
  memory.window();
  const first = await firstResponse(base, s);
  // A request slower alone than the whole warm-up gains nothing from one, and would only queue more work.
  const warmed = settings.warmup > 0 && first.ms < settings.warmup * 1000;
  if (warmed) {
    await load(base, s.paths, { ...settings, duration: settings.warmup });
    await settle(base, SETTLE_MAX_MS);
  }
  const numbers = await load(base, s.paths, settings);
  const settleMs = await settle(base, SETTLE_MAX_MS);
  const failures = [
    first.status !== 200 && `first response ${first.status}`,
    first.items < s.minItems && `first response has ${first.items} items, expected at least ${s.minItems}`,
    numbers.non_2xx > 0 && `${numbers.non_2xx} non-2xx responses (${JSON.stringify(numbers.status_codes)})`,
    numbers.errors + numbers.timeouts > 0 && `${numbers.errors} errors, ${numbers.timeouts} timeouts`,
    numbers.requests === 0 && `no response within the ${settings.duration} s`,
  ].filter((f): f is string => typeof f === 'string');
  const result: ScenarioResult = {
    name: s.name, kind: s.kind, request: s.request, paths: s.paths.length,
    first_response: { status: first.status, items: first.items, ms: first.ms }, warmed, ...numbers,
    settle_ms: settleMs, peak_rss: memory.window().rss,
    ok: failures.length === 0, ...(failures.length ? { failure: failures.join('; ') } : {}),
  };
  const l = result.latency_ms;
  console.error(`  ${s.name.padEnd(24)} alone ${first.ms} ms; p50 ${l.p50} p90 ${l.p90} p99 ${l.p99} ms, ${result.req_per_s} req/s` +
    `${settleMs > 1000 ? `; busy ${settleMs} ms after` : ''}${result.ok ? '' : `  FAILED: ${result.failure}`}`);
  return { result, body: first.body };
}

/** The export twice: read as fast as possible (rows/s), then by a client that stops for a while (memory). */
async function exportRun(server: Server, c: Choices, settings: Settings): Promise<NonNullable<BenchResult['export']>> {
  const request = `/v1/claims?${c.export.query}`;
  const check = (e: ExportResult) =>
    (e.status !== 200 ? `status ${e.status}` : e.rows !== e.expected_rows ? `${e.rows} rows, expected ${e.expected_rows}` : undefined);
  const options = { expectedRows: c.export.rows, timeoutMs: EXPORT_TIMEOUT_MS };
  const fast = await measureExport(server.url, request, server.pid, options);
  const slow = await measureExport(server.url, request, server.pid, {
    ...options, pause: { atRows: Math.ceil(c.export.rows / 10), ms: Math.min(2, settings.duration) * 1000 },
  });
  const failures = [check(fast), check(slow) && `slow client: ${check(slow)}`].filter(Boolean);
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  console.error(`  ${EXPORT_SCENARIO.padEnd(24)} ${fast.rows} rows in ${fast.wall_ms} ms, ${fast.rows_per_s} rows/s, RssAnon` +
    ` +${mib(fast.peak_anon - fast.anon_before)}; slow client +${mib(slow.pause!.peak_anon_during - slow.pause!.anon_at_pause)}` +
    ` while paused${failures.length ? `  FAILED: ${failures.join('; ')}` : ''}`);
  return { request, ...fast, slow_client: slow.pause!, ok: failures.length === 0, ...(failures.length ? { failure: failures.join('; ') } : {}) };
}

type ClaimtrailRun = Awaited<ReturnType<typeof claimtrailRun>>;

async function claimtrailRun(server: Server, settings: Settings, chosen: Scenario[], memory: Sampler) {
  const results: ScenarioResult[] = [];
  const bodies = new Map<string, unknown>();
  for (const s of chosen) {
    const { result, body } = await measure(server.url, s, settings, memory);
    results.push(result);
    bodies.set(s.name, body);
  }
  return { results, bodies };
}

async function baselineRun(db: string, settings: Settings, claimtrail: Server, ours: ClaimtrailRun, chosen: Scenario[]) {
  const wanted = chosen.filter((s) => (BASELINE_SCENARIOS as readonly string[]).includes(s.name));
  if (wanted.length === 0) return { baseline: [] as BaselineResult[] };
  const server = await startServer('bench/baseline.ts', serverEnv(db));
  const memory = sampleMemory(server.pid);
  try {
    const baseline: BaselineResult[] = [];
    for (const s of wanted) {
      const { result, body } = await measure(server.url, { ...s, name: `baseline-${s.name}` }, settings, memory);
      const rounds: Round[] = (await inTurns({ server: claimtrail, paths: s.paths }, { server, paths: s.paths }, settings, turnSeconds(settings)))
        .map(([ours, theirs]) => ({ claimtrail_req_per_s: ours.req_per_s, baseline_req_per_s: theirs.req_per_s }));
      const quotients = rounds.map((r) => r.claimtrail_req_per_s / r.baseline_req_per_s);
      console.error(`  ${`${s.name} in turns`.padEnd(24)} ${quotients.map((q) => q.toFixed(3)).join(', ')}`);
      baseline.push({
        scenario: s.name, baseline: result, claimtrail_req_per_s: ours.results.find((r) => r.name === s.name)!.req_per_s,
        rounds, ratio: Number(median(quotients).toFixed(3)), same_answer: isDeepStrictEqual(body, ours.bodies.get(s.name)),
      });
    }
    return { baseline, baseline_server: { peak_rss: memory.stop().rss } };
  } finally {
    memory.stop();
    await server.stop();
  }
}

/** The database path as the results show it: relative to the working directory when inside it. */
const shown = (db: string) => (isAbsolute(relative(process.cwd(), db)) || relative(process.cwd(), db).startsWith('..') ? db : relative(process.cwd(), db));

export async function benchDatabase(db: string, bytes: number, c: Choices, settings: Settings, about: Machine): Promise<BenchResult> {
  const all = scenarios(c);
  const unknown = settings.only?.filter((name) => name !== EXPORT_SCENARIO && !all.some((s) => s.name === name)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${[...all.map((s) => s.name), EXPORT_SCENARIO].join(', ')}`);
  const chosen = chosenScenarios(c, settings.only);
  const date = new Date().toISOString();
  const conditions = watchConditions();
  // claimtrail stays up while the baseline runs, idle but for the rounds loading the two in turn, and
  // its memory is sampled throughout (the RSS target). The export comes last, so the rounds follow the
  // scenarios on the same warm server and nothing the export leaves behind weighs on either side.
  const server = await startServer('src/server.ts', serverEnv(db));
  const idle = readMemory(server.pid)?.rss ?? NaN;
  const memory = sampleMemory(server.pid);
  let ours: ClaimtrailRun;
  let theirs: Awaited<ReturnType<typeof baselineRun>>;
  let exported: BenchResult['export'];
  let exportFailure: string | undefined;
  let peak: ReturnType<Sampler['stop']>;
  try {
    ours = await claimtrailRun(server, settings, chosen, memory);
    theirs = await baselineRun(db, settings, server, ours, chosen);
    if (!settings.only || settings.only.includes(EXPORT_SCENARIO)) {
      // A failed export is a failed target, not a lost run: the scenarios and rounds before it are kept.
      try {
        exported = await exportRun(server, c, settings);
      } catch (error) {
        exportFailure = (error as Error).message;
        console.error(`  ${EXPORT_SCENARIO.padEnd(24)} FAILED: ${exportFailure}`);
      }
    }
  } finally {
    peak = memory.stop();
    await server.stop();
  }
  const { claimIds, ...choices } = c;
  return {
    name: `${date.slice(0, 10)}-${sizeLabel(c.claims)}`, date, ...about, conditions: conditions(),
    settings: {
      duration: settings.duration, warmup: settings.warmup, connections: settings.connections, tool: settings.tool,
      rounds: settings.rounds, turn_s: turnSeconds(settings), flat_turn_s: flatTurnSeconds(settings),
    },
    corpus: { db: shown(db), bytes, claims: c.claims, entity_claims: c.entityClaims },
    choices: { ...choices, claim_ids: claimIds.length },
    scenarios: ours.results, ...(exported ? { export: exported } : {}), ...(exportFailure !== undefined ? { export_failure: exportFailure } : {}),
    server: { idle_rss: idle, peak_rss: peak.rss, peak_anon: peak.anon },
    ...theirs, targets: [],
  };
}
