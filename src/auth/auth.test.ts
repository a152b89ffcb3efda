import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../app.js';
import { seededDb } from '../../test/helpers.js';
import { useProcesses } from '../../test/processes.js';
import { createKey, listKeys, revokeKey } from './keys.js';

const { dir, startServer, run } = useProcesses('keys');

async function appWith(readAccess: 'public' | 'key' = 'public') {
  const db = seededDb();
  const app = await buildApp({ config: { logLevel: 'silent', readAccess }, db });
  return { app, db, key: (role: 'reader' | 'editor' | 'admin') => createKey(db, `k-${role}`, role) };
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const write = { method: 'POST' as const, url: '/v1/topics', payload: { question: 'Who?' } };

describe('keys and roles', () => {
  it('writes need an editor key: 401 without one (with WWW-Authenticate), 403 for a reader, 201 for an editor', async () => {
    const { app, key } = await appWith();
    const none = await app.inject(write);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="claimtrail"');
    expect(none.json().code).toBe('unauthorized');
    const reader = await app.inject({ ...write, headers: bearer(key('reader')) });
    expect(reader.statusCode).toBe(403);
    expect(reader.json().detail).toContain('reader role');
    expect((await app.inject({ ...write, headers: bearer(key('editor')) })).statusCode).toBe(201);
  });

  it('refuses a malformed, unknown or revoked key even on a public read', async () => {
    const { app, db, key } = await appWith();
    const editor = key('editor');
    expect((await app.inject({ url: '/v1/topics', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/topics', headers: bearer('ct_not-a-key') })).statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/topics', headers: bearer(editor) })).statusCode).toBe(200);
    revokeKey(db, 'k-editor');
    const revoked = await app.inject({ ...write, headers: bearer(editor) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().detail).toContain('revoked');
  });

  it('READ_ACCESS=key makes reads need a key of any role, but leaves /health and /docs open', async () => {
    const { app, key } = await appWith('key');
    expect((await app.inject({ url: '/v1/claims' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/claims', headers: bearer(key('reader')) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/' })).statusCode).toBe(200);
  });

  it('stores only a hash: the key itself is nowhere in the database', () => {
    const db = seededDb();
    const key = createKey(db, 'desk', 'editor');
    expect(JSON.stringify(db.prepare('SELECT * FROM api_keys').all())).not.toContain(key.slice(3));
    expect(listKeys(db)).toEqual([{ name: 'desk', role: 'editor', created_at: expect.any(String), revoked_at: null }]);
    expect(() => createKey(db, 'desk', 'admin')).toThrow(/already exists/);
    expect(() => createKey(db, 'Desk!', 'admin')).toThrow(/slug/);
  });
});

describe('keys in logs', () => {
  it("the app's logger redacts an Authorization header wherever it is logged", () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => { out += chunk; done(); } });
    const log = pino(loggerOptions('info'), sink);
    log.info({ req: { headers: { authorization: 'Bearer ct_secret' } }, headers: { authorization: 'Bearer ct_secret' } }, 'x');
    expect(out).not.toContain('ct_secret');
    expect(out).toContain('[redacted]');
  });

  it('a real server at trace level never prints a key it was sent', async () => {
    const file = join(dir, 'logs.db');
    const keysCli = (...args: string[]) => run('src/auth/cli.ts', args, { DATABASE_URL: file });
    const key = keysCli('create', '--name', 'desk', '--role', 'editor').stdout.trim();
    expect(key).toMatch(/^ct_[\w-]{43}$/);
    expect(keysCli('list').stdout).toMatch(/^desk\teditor\tcreated /);
    expect(keysCli('list').stdout).not.toContain(key);
    const { url, child, logs } = await startServer({ DATABASE_URL: file, LOG_LEVEL: 'trace' });
    await fetch(`${url}/v1/topics`, { method: 'POST', headers: { ...bearer(key), 'content-type': 'application/json' }, body: '{"question":"Logged?"}' });
    await fetch(`${url}/v1/topics`, { headers: bearer(`${key}x`) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGKILL');
    expect(logs()).toContain('request completed');
    expect(logs()).not.toContain(key.slice(3));
    expect(keysCli('revoke', '--name', 'desk').status).toBe(0);
    expect(keysCli('revoke', '--name', 'desk').stderr).toContain('no active key named "desk"');
  });
});
