// The servers under test, each a child process started as `npm start` starts claimtrail (node --import tsx),
// on 127.0.0.1 and a free port; how the bench's own servers listen; and a sampler of a process's resident
// memory from /proc.
import type { FastifyInstance } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Server { url: string; pid: number; stop: () => Promise<void> }

/** claimtrail's environment in a benchmark: the database, no rate limit, warnings only in the log. */
export const serverEnv = (db: string) => ({ DATABASE_URL: db, RATE_LIMIT_MAX: 'off', LOG_LEVEL: 'warn' });

const running = new Set<ChildProcess>();

/** Kills whatever is still running (the harness calls this on exit, on a signal and on failure). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A bench server script's last step: serves `app` on HOST (127.0.0.1 by default) and PORT, and on SIGINT or
 * SIGTERM closes it, runs `after` (closing a database, say) and exits.
 */
export async function listenUntilStopped(app: FastifyInstance, defaultPort: number, after: () => void = () => {}): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(after).then(() => process.exit(0)));
  }
  await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? defaultPort) });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Starts `script` with `env` and resolves once GET /health answers 200; rejects if it exits first. */
export async function startServer(script: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT, env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk).slice(-4000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!exited(child)) {
    if (Date.now() > deadline) break;
    const status = await fetch(`${url}/health`).then((r) => r.status, () => 0);
    if (status === 200) return { url, pid: child.pid!, stop: () => stop(child) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  running.delete(child);
  throw new Error(`${script} did not start (${exited(child) ? `exit ${child.exitCode ?? child.signalCode}` : 'timed out'}):\n${output}`);
}

/** SIGTERM (claimtrail closes its database cleanly), SIGKILL if it is still there after a few seconds. */
async function stop(child: ChildProcess): Promise<void> {
  if (!exited(child)) {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
  }
  running.delete(child);
}

export interface Memory { rss: number; anon: number }

/** VmRSS and RssAnon of a process in bytes (RssAnon leaves out mapped file pages, e.g. SQLite's mmap). */
export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon') };
}

/**
 * Reads a process's memory every `everyMs` until stopped; keeps the peak of the whole run, and of each
 * window (from one `window()` call to the next).
 */
export function sampleMemory(pid: number, everyMs = 100, onSample?: (m: Memory) => void) {
  const peak: Memory = { rss: 0, anon: 0 };
  let windowPeak: Memory = { rss: 0, anon: 0 };
  const take = () => {
    const m = readMemory(pid);
    if (!m) return;
    for (const p of [peak, windowPeak]) {
      p.rss = Math.max(p.rss, m.rss);
      p.anon = Math.max(p.anon, m.anon);
    }
    onSample?.(m);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    window: () => {
      take();
      const last = windowPeak;
      windowPeak = { rss: 0, anon: 0 };
      return last;
    },
    stop: () => { clearInterval(timer); take(); return peak; },
  };
}
