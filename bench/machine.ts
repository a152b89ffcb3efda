// Where the numbers were made: the machine, the versions that matter, the commit, the command.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from './servers.js';

export interface Machine {
  command: string;
  /** busy_before: the share of CPU time other processes used in the second before the run (they skew every number). */
  machine: { cpu: string; cores: number; memory_bytes: number; os: string; busy_before: number };
  versions: Record<string, string>;
  git_commit: string;
}

const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

function npmVersion(): string {
  const agent = /npm\/(\S+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];
  if (agent) return agent;
  try {
    return execFileSync('npm', ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

/** The checked-out commit, read from .git directly (HEAD, then the branch's ref file or packed-refs). */
function gitCommit(): string {
  const git = join(ROOT, '.git');
  try {
    const head = readFileSync(join(git, 'HEAD'), 'utf8').trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return head;
    if (existsSync(join(git, ref))) return readFileSync(join(git, ref), 'utf8').trim();
    const packed = readFileSync(join(git, 'packed-refs'), 'utf8').split('\n').find((line) => line.endsWith(` ${ref}`));
    return packed?.split(' ')[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * All cores' time so far (/proc/stat, in ticks): running anything, stolen by the hypervisor, and in all.
 * Undefined without /proc/stat (not Linux): the shares read from it are then NaN, not a failed run.
 */
function cpuTimes(): { busy: number; steal: number; all: number } | undefined {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]
      .trim().split(/\s+/).slice(1, 9).map(Number);
    return { busy: user + nice + system + irq + softirq + steal, steal, all: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

const share = (part: number, all: number) => Number((part / Math.max(1, all)).toFixed(3));

/** The share of all cores' time spent running anything (iowait counts as idle) over `ms`. */
async function cpuBusy(ms: number): Promise<number> {
  const a = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = cpuTimes();
  return a && b ? share(b.busy - a.busy, b.all - a.all) : NaN;
}

/**
 * How fast this machine was, and how much of it the hypervisor took, while one corpus was measured. On a
 * shared VM both move from hour to hour, and every figure with them: a fixed loop's time before the run
 * (the same work every time, so runs on different days can be compared) and the steal share over it.
 */
export interface RunConditions { probe_s: number; steal: number }

/** A fixed integer loop, timed: 1.4-1.7 s on this project's machine class. */
function speedProbe(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x = (x * 31 + i) % 1000003;
  if (x < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return Number(((performance.now() - started) / 1000).toFixed(2));
}

/** Starts watching; the function returned gives the conditions from then to its call. */
export function watchConditions(): () => RunConditions {
  const probe_s = speedProbe();
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    return { probe_s, steal: start && end ? share(end.steal - start.steal, end.all - start.all) : NaN };
  };
}

export async function machine(command: string): Promise<Machine> {
  const cpu = cpus();
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  return {
    command,
    machine: { cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, memory_bytes: totalmem(), os: `${platform()} ${release()}`,
      busy_before: await cpuBusy(1000) },
    versions: {
      node: process.version, npm: npmVersion(), sqlite, better_sqlite3: packageVersion('better-sqlite3'),
      fastify: packageVersion('fastify'), autocannon: packageVersion('autocannon'),
    },
    git_commit: gitCommit(),
  };
}
