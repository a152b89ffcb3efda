// Real processes for the tests that need them (start-up, crash, several writers, logs): the server
// and the CLIs run exactly as `npm start` runs them, on 127.0.0.1 only, and are killed afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = new URL('..', import.meta.url).pathname;

export interface Server { url: string; child: ChildProcess; logs: () => string }

/** A temporary folder and the processes started in it, all cleaned up after the file's tests. */
export function useProcesses(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `claimtrail-${prefix}-`));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  function startServer(env: Record<string, string>): Promise<Server> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    });
    children.push(child);
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({ url, child, logs: () => output });
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  }

  /** Runs a TypeScript entry point (src/server.ts, seed/cli.ts, src/auth/cli.ts) to completion. */
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

  /** Resolves once the process has exited (at once if it already has, by signal or otherwise). */
  const exited = (child: ChildProcess) => (child.signalCode !== null || child.exitCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve())));

  return { dir, startServer, run, exited };
}
