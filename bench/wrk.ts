// The same load with wrk (a C load generator, `apt-get install wrk`), for a second opinion on
// autocannon's numbers: `npm run bench -- --tool wrk`. wrk reports its own latency distribution
// (--latency), so percentiles come from its summary; several paths are requested in turn by a Lua script.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadSettings } from './measure.js';

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

const ms = (text: string): number => {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`wrk: cannot read the duration "${text}"`);
  return Number((Number(m[1]) * UNIT_MS[m[2]]).toFixed(3));
};

/** wrk's summary (run with --latency) as the harness's numbers. */
export function parseWrk(output: string): LoadResult {
  const need = (pattern: RegExp, what: string) => {
    const m = pattern.exec(output);
    if (!m) throw new Error(`wrk: no ${what} in its output:\n${output}`);
    return m;
  };
  const [, avg, , max] = need(/Latency\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+%/, 'latency line');
  const at = (q: string) => ms(need(new RegExp(`^\\s+${q}%\\s+(\\S+)`, 'm'), `${q}% latency`)[1]);
  const [, requests, seconds, size, unit] = need(/(\d+) requests in ([\d.]+)(?:s), ([\d.]+)(B|KB|MB|GB) read/, 'request count');
  const n = Number(requests);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests: n,
    seconds: Number(seconds),
    req_per_s: Number(need(/Requests\/sec:\s+([\d.]+)/, 'requests per second')[1]),
    // wrk prints 50, 75, 90 and 99%; the mean and max are its thread stats.
    latency_ms: { p50: at('50'), p90: at('90'), p99: at('99'), mean: ms(avg), max: ms(max) },
    errors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
    non_2xx: non2xx,
    status_codes: { '2xx': n - non2xx, ...(non2xx > 0 ? { other: non2xx } : {}) },
    bytes_per_response: n ? Math.round((Number(size) * SIZE_BYTES[unit]) / n) : 0,
  };
}

/** `paths` are requested in turn, as autocannon does them; one thread (the server has about one core). */
export async function loadWithWrk(base: string, paths: string[], { connections, duration }: LoadSettings): Promise<LoadResult> {
  const folder = mkdtempSync(join(tmpdir(), 'claimtrail-wrk-'));
  try {
    const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '30s'];
    if (paths.length > 1) {
      const script = join(folder, 'paths.lua');
      writeFileSync(script, `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}\nlocal i = 0\n` +
        'request = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n');
      args.push('-s', script);
    }
    args.push(base + paths[0]);
    const output = await new Promise<string>((resolve, reject) =>
      execFile('wrk', args, { timeout: (duration + 60) * 1000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
    return parseWrk(output);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
