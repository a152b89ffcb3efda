/// <reference path="./autocannon.d.ts" />
// Load with autocannon, latencies timed per response (autocannon's own histogram keeps whole
// milliseconds, too coarse for sub-millisecond pages), and a streamed export timed and memory-sampled.
import autocannon, { type Options } from 'autocannon';
import { get } from 'node:http';
import { sampleMemory, readMemory } from './servers.js';
import { loadWithWrk } from './wrk.js';

export interface Latency { p50: number; p90: number; p99: number; mean: number; max: number }

export interface LoadResult {
  requests: number;
  seconds: number;
  req_per_s: number;
  latency_ms: Latency;
  errors: number;
  timeouts: number;
  non_2xx: number;
  status_codes: Record<string, number>;
  bytes_per_response: number;
}

export type LoadTool = 'autocannon' | 'wrk';
export interface LoadSettings { connections: number; duration: number; tool?: LoadTool }

/**
 * Each server's turn in a round of loading two in turn: the rounds together load each server for `scenarios`
 * times a scenario's duration (twice for the baseline ratio), a turn never under 1 s. wrk takes whole seconds
 * only (`-d2.5s` is refused), so its turns are rounded.
 */
export function turnSeconds({ duration, rounds, tool }: { duration: number; rounds: number; tool?: LoadTool }, scenarios = 2): number {
  const seconds = Math.max(1, (scenarios * duration) / rounds);
  return tool === 'wrk' ? Math.round(seconds) : Number(seconds.toFixed(3));
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export function summarize(times: number[]): Latency {
  if (times.length === 0) return { p50: NaN, p90: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(times).sort();
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: round(mean), max: round(sorted[sorted.length - 1]) };
}

/** `paths` are requested in turn (one per request, across all connections) for `duration` seconds. */
export function load(base: string, paths: string[], settings: LoadSettings): Promise<LoadResult> {
  if (settings.tool === 'wrk') return loadWithWrk(base, paths, settings);
  const { connections, duration } = settings;
  let next = 0;
  const options: Options = paths.length === 1
    ? { url: base + paths[0], connections, duration, timeout: 30 }
    : {
        url: base, connections, duration, timeout: 30,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      };
  const times: number[] = [];
  let bytes = 0;
  return new Promise((resolve, reject) => {
    // autocannon stops itself after `duration`; the guard only covers a client that never returns.
    const guard = setTimeout(() => instance.stop(), (duration + 60) * 1000);
    const instance = autocannon(options, (error, result) => {
      clearTimeout(guard);
      if (error) return reject(error);
      resolve({
        requests: times.length,
        seconds: result.duration,
        req_per_s: round(times.length / result.duration, 1),
        latency_ms: summarize(times),
        errors: result.errors,
        timeouts: result.timeouts,
        non_2xx: result.non2xx,
        status_codes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
        bytes_per_response: times.length ? Math.round(bytes / times.length) : 0,
      });
    });
    instance.on('response', (_client, _status, responseBytes, responseTime) => {
      times.push(responseTime);
      bytes += responseBytes;
    });
  });
}

/**
 * Waits until the server answers /health quickly twice in a row: requests still queued when a load ends
 * (SQLite work cannot be cancelled when a client goes away) must not be billed to the next scenario.
 * Resolves with the milliseconds it waited, or rejects after `maxMs`.
 */
export async function settle(base: string, maxMs: number): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 2) {
    if (performance.now() - started > maxMs) throw new Error(`the server was still busy ${maxMs} ms after the load ended`);
    const asked = performance.now();
    const status = await fetch(`${base}/health`, { signal: AbortSignal.timeout(maxMs) }).then((r) => r.status, () => 0);
    quick = status === 200 && performance.now() - asked < 50 ? quick + 1 : 0;
  }
  return Math.round(performance.now() - started);
}

export interface ExportResult {
  status: number;
  rows: number;
  expected_rows: number;
  bytes: number;
  wall_ms: number;
  rows_per_s: number;
  rss_before: number;
  peak_rss: number;
  anon_before: number;
  peak_anon: number;
}

/** A slow client: reading stops for `ms` after `atRows` rows; a server that keeps producing grows meanwhile. */
export interface Pause { at_rows: number; ms: number; anon_at_pause: number; peak_anon_during: number; bytes_after: number }

/** Records (not lines: a quoted field may hold a newline) in CSV text, counted as the bytes arrive. */
function recordCounter() {
  let quoted = false;
  let newlines = 0;
  return {
    add(chunk: Buffer) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) newlines++;
      }
    },
    get records() { return newlines; },
  };
}

export interface ExportOptions { expectedRows: number; timeoutMs: number; pause?: { atRows: number; ms: number } }

/**
 * One export request read to the end, with the server's memory every 100 ms: as fast as the client can,
 * or with one pause (wall time and rows/s then include it).
 */
export function measureExport(base: string, path: string, pid: number, options: ExportOptions): Promise<ExportResult & { pause?: Pause }> {
  const before = readMemory(pid) ?? { rss: NaN, anon: NaN };
  const counter = recordCounter();
  let pause: Pause | undefined;
  let pausing = false;
  let bytes = 0;
  let bytesAtPause = 0;
  const memory = sampleMemory(pid, 100, (m) => {
    if (pausing) pause!.peak_anon_during = Math.max(pause!.peak_anon_during, m.anon);
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = get(base + path, { headers: { accept: 'text/csv' } }, (response) => {
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        counter.add(chunk);
        if (options.pause && !pause && counter.records > options.pause.atRows) {
          const anon = readMemory(pid)?.anon ?? NaN;
          pause = { at_rows: counter.records - 1, ms: options.pause.ms, anon_at_pause: anon, peak_anon_during: anon, bytes_after: 0 };
          pausing = true;
          bytesAtPause = bytes;
          response.pause();
          setTimeout(() => {
            pausing = false;
            response.resume();
          }, options.pause.ms);
        }
      });
      response.on('end', () => {
        clearTimeout(guard);
        const wall = performance.now() - started;
        const peak = memory.stop();
        const rows = Math.max(0, counter.records - 1);
        if (pause) pause.bytes_after = bytes - bytesAtPause;
        resolve({
          status: response.statusCode ?? 0, rows, expected_rows: options.expectedRows, bytes, wall_ms: Math.round(wall),
          rows_per_s: Math.round(rows / (wall / 1000)), rss_before: before.rss, peak_rss: peak.rss,
          anon_before: before.anon, peak_anon: peak.anon, ...(pause ? { pause } : {}),
        });
      });
      response.on('error', fail);
    });
    const guard = setTimeout(() => request.destroy(new Error(`export took over ${options.timeoutMs} ms`)), options.timeoutMs);
    function fail(error: Error) {
      clearTimeout(guard);
      memory.stop();
      reject(error);
    }
    request.on('error', fail);
  });
}
