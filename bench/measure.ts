// Load with autocannon, latencies timed per response (autocannon's own histogram keeps whole
// milliseconds, too coarse for sub-millisecond pages), and a streamed export timed and memory-sampled.
import autocannon, { type Options } from 'autocannon';
import { get } from 'node:http';
import { sampleMemory, readMemory } from './servers.js';

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

export interface LoadSettings { connections: number; duration: number }

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export function summarize(times: number[]): Latency {
  if (times.length === 0) return { p50: NaN, p90: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(times).sort();
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: round(mean), max: round(sorted[sorted.length - 1]) };
}

/** `paths` are requested in turn (one per request, across all connections) for `duration` seconds. */
export function load(base: string, paths: string[], { connections, duration }: LoadSettings): Promise<LoadResult> {
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
  /** Least-squares growth of RssAnon per byte streamed over the second half of the export (0: flat). */
  anon_slope: number | null;
}

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

function slope(points: { x: number; y: number }[]): number | null {
  if (points.length < 3) return null;
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx === 0 ? null : round(points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx, 4);
}

/** One export request read to the end as fast as the client can, with the server's memory every 100 ms. */
export function measureExport(base: string, path: string, pid: number, expectedRows: number, timeoutMs: number): Promise<ExportResult> {
  const before = readMemory(pid) ?? { rss: NaN, anon: NaN };
  const counter = recordCounter();
  const samples: { x: number; y: number }[] = [];
  let bytes = 0;
  const memory = sampleMemory(pid, 100, (m) => samples.push({ x: bytes, y: m.anon }));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = get(base + path, { headers: { accept: 'text/csv' } }, (response) => {
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        counter.add(chunk);
      });
      response.on('end', () => {
        clearTimeout(guard);
        const wall = performance.now() - started;
        const peak = memory.stop();
        const rows = Math.max(0, counter.records - 1);
        resolve({
          status: response.statusCode ?? 0, rows, expected_rows: expectedRows, bytes, wall_ms: Math.round(wall),
          rows_per_s: Math.round(rows / (wall / 1000)), rss_before: before.rss, peak_rss: peak.rss,
          anon_before: before.anon, peak_anon: peak.anon, anon_slope: slope(samples.filter((s) => s.x >= bytes / 2)),
        });
      });
      response.on('error', fail);
    });
    const guard = setTimeout(() => request.destroy(new Error(`export took over ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(guard);
      memory.stop();
      reject(error);
    }
    request.on('error', fail);
  });
}
