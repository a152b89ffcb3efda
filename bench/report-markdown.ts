// One corpus size's results as markdown: the run, the machine, the scenarios, the baseline, the export,
// memory, and the issue's targets with pass/fail. Everything shown comes from the result file.
import type { BaselineResult, BenchResult, TargetCheck } from './report.js';

const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : 'n/a');
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const kb = (n: number) => (n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`);
const code = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;
/** A ratio as shown; a ratio without responses is stored as null (JSON has no NaN). */
export const times = (n: number | null) => (n !== null && Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a');
const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? '**pass**' : '**FAIL**');

function header(r: BenchResult): string {
  const v = r.versions;
  return [
    `### ${int(r.corpus.claims)} claims`,
    '',
    `- Result: \`bench/results/${r.name}.json\`, run ${r.date}, commit \`${r.git_commit.slice(0, 12)}\``,
    `- Command: ${code(r.command)}`,
    `- Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${(r.machine.memory_bytes / 2 ** 30).toFixed(1)} GiB, ${r.machine.os};` +
      ` CPU ${Math.round(r.machine.busy_before * 100)}% busy the second before the run` +
      (r.conditions ? `; reference loop ${r.conditions.probe_s.toFixed(2)} s (speedProbe in bench/machine.ts: the same work every run, so lower is a faster machine),` +
        ` ${(r.conditions.steal * 100).toFixed(1)}% of CPU time taken by the hypervisor (steal) during the run` : ''),
    `- Versions: Node ${v.node}, npm ${v.npm}, SQLite ${v.sqlite}, better-sqlite3 ${v.better_sqlite3}, fastify ${v.fastify}, autocannon ${v.autocannon}`,
    `- Corpus: ${int(r.corpus.claims)} claims, ${int(r.corpus.entity_claims)} entity_claims rows, ${mib(r.corpus.bytes)} on disk;` +
      ` hot entity \`${r.choices.hotEntity.id}\` (${int(r.choices.hotEntity.claims)} claims), cold \`${r.choices.coldEntity.id}\`` +
      ` (${int(r.choices.coldEntity.claims)})`,
    `- Load: ${r.settings.tool ?? 'autocannon'}, ${r.settings.connections} connections, ${r.settings.warmup} s warm-up then ` +
      `${r.settings.duration} s per scenario, load generator on the same machine; latencies ` +
      `${r.settings.tool === 'wrk' ? "from wrk's latency distribution" : 'per response'}, in ms`,
    '',
  ].join('\n');
}

function scenarioTable(r: BenchResult): string {
  const compare = r.compare && r.compare.claims < r.corpus.claims ? r.compare : undefined;
  const turns = compare?.in_turns;
  const head = '| scenario | request | alone | p50 | p90 | p99 | mean | req/s | size | non-2xx / errors | peak RSS |' +
    `${compare ? ` p50 vs ${int(compare.claims)} |` : ''}${turns ? ' in turns |' : ''}`;
  const rows = r.scenarios.map((s) => {
    const request = s.paths > 1 ? `${s.request} (${s.paths} in turn)` : s.request;
    const failed = s.non_2xx + s.errors + s.timeouts;
    const ratio = compare?.p50[s.name] ? `${(s.latency_ms.p50 / compare.p50[s.name]).toFixed(2)}x` : 'n/a';
    const turn = turns?.[s.name];
    const inTurns = turn ? `${times(turn.ratio)}${turn.ok ? '' : ' **FAILED**'}` : 'n/a';
    const l = s.latency_ms;
    return `| ${s.name}${s.ok ? '' : ' **FAILED**'} | ${code(request)} | ${ms(s.first_response.ms)} | ${ms(l.p50)} | ${ms(l.p90)} |` +
      ` ${ms(l.p99)} | ${ms(l.mean)} | ${int(s.req_per_s)} | ${kb(s.bytes_per_response)} | ${failed ? `**${s.non_2xx} / ${s.errors + s.timeouts}**` : '0 / 0'} |` +
      ` ${mib(s.peak_rss)} |${compare ? ` ${ratio} |` : ''}${turns ? ` ${inTurns} |` : ''}`;
  });
  const notes = r.scenarios.filter((s) => s.failure).map((s) => `- ${s.name}: ${s.failure}`);
  const busy = r.scenarios.filter((s) => s.settle_ms > 1000).map((s) => `${s.name} ${(s.settle_ms / 1000).toFixed(1)} s`);
  const few = r.scenarios.filter((s) => s.requests > 0 && s.requests < 100).map((s) => `${s.name} (${s.requests})`);
  return [head, head.replace(/[^|]+/g, ' --- '), ...rows, '',
    'Times in ms. _alone_: the scenario\'s first request, sent with nothing else running (it may include preparing' +
    ' statements); the rest under load. _size_: body bytes per response (no compression requested).' +
    (turns ? ` _in turns_: the p50 ratio judged, the median over ${Object.values(turns)[0]?.rounds.length ?? 0} rounds in which` +
      ` a server on each corpus was loaded in turn (ABBA..., ${r.settings.flat_turn_s ?? '?'} s each), after the runs above;` +
      ` _p50 vs_: the runs above, minutes apart.` : ''),
    ...(few.length ? ['', `Percentiles from few responses: ${few.join(', ')}.`] : []),
    ...(busy.length ? ['', `Still busy with queued requests after the load ended (waited out before the next scenario): ${busy.join(', ')}.`] : []),
    ...(notes.length ? ['', ...notes] : []), ''].join('\n');
}

function baselineTable(r: BenchResult): string {
  if (r.baseline.length === 0) return '';
  const turns = (b: BaselineResult) => b.rounds.map((t) => `${int(t.claimtrail_req_per_s)} / ${int(t.baseline_req_per_s)}`).join(', ');
  const rows = r.baseline.map((b) => `| ${b.scenario} | ${int(b.claimtrail_req_per_s)} | ${int(b.baseline.req_per_s)} |` +
    ` ${turns(b)} | ${times(b.ratio)} | ${ms(b.baseline.latency_ms.p50)} | ${ms(b.baseline.latency_ms.p99)} | ${b.same_answer ? 'yes' : '**no**'} |`);
  return ['Bare baseline (bench/baseline.ts: Fastify + better-sqlite3, the same SQL and JSON, no zod, no plugins). ' +
    `The ratio is the median over ${r.baseline[0].rounds.length} rounds in which the two servers were loaded in turn (ABBA...` +
    `${r.settings.turn_s ? `, ${r.settings.turn_s} s each` : ''}), ` +
    'since a shared machine\'s speed drifts between the scenario runs:', '',
    '| list | claimtrail req/s (scenario) | baseline req/s (scenario) | in turns: claimtrail / baseline req/s | claimtrail / baseline | baseline p50 | baseline p99 | same answer |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}

function exportAndMemory(r: BenchResult): string {
  const lines = [];
  const e = r.export;
  if (e) {
    lines.push(`- CSV export ${code(e.request)}: ${int(e.rows)} rows (${int(e.expected_rows)} expected), ${mib(e.bytes)},` +
      ` ${(e.wall_ms / 1000).toFixed(2)} s, **${int(e.rows_per_s)} rows/s**; server RSS ${mib(e.rss_before)} before,` +
      ` ${mib(e.peak_rss)} peak; RssAnon ${mib(e.anon_before)} -> ${mib(e.peak_anon)}. A client pausing ${e.slow_client.ms / 1000} s` +
      ` after ${int(e.slow_client.at_rows)} rows: RssAnon ${mib(e.slow_client.anon_at_pause)} -> ${mib(e.slow_client.peak_anon_during)}` +
      `${e.ok ? '' : ` **FAILED: ${e.failure}**`}`);
  }
  if (r.export_failure !== undefined) lines.push(`- CSV export: **FAILED: ${r.export_failure}**`);
  lines.push(`- claimtrail server memory: ${mib(r.server.idle_rss)} RSS when started, **${mib(r.server.peak_rss)} peak RSS**` +
    ` over the whole run (RssAnon peak ${mib(r.server.peak_anon)})` +
    `${r.baseline_server ? `; baseline server peak RSS ${mib(r.baseline_server.peak_rss)}` : ''}`);
  return `${lines.join('\n')}\n`;
}

const targetTable = (targets: TargetCheck[]) => ['| target | measured | result |', '| --- | --- | --- |',
  ...targets.map((t) => `| ${t.target} | ${t.measured.replaceAll('|', '\\|')} | ${verdict(t.pass)} |`), ''].join('\n');

export function renderSection(r: BenchResult): string {
  return [header(r), scenarioTable(r), baselineTable(r), exportAndMemory(r), 'Targets (issue 5):\n', targetTable(r.targets)]
    .filter((part) => part !== '').join('\n');
}
