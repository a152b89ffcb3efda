// What a newsroom dashboard relies on, on every route: next-page links, validators and caching,
// CORS, compression, rate limits, and a request id in every access log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp, type AppDeps } from '../src/app.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { seededDb } from './helpers.js';

const opened: FastifyInstance[] = [];
const tempDir = mkdtempSync(join(tmpdir(), 'claimtrail-http-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

async function appWith(settings: Omit<AppDeps['config'], 'logLevel'> = {}): Promise<{ app: FastifyInstance; db: Db }> {
  const db = seededDb();
  const app = await buildApp({ config: { logLevel: 'silent', ...settings }, db });
  opened.push(app);
  return { app, db };
}

const CLAIM = '/v1/claims/jad1120-nis-11000-troops-to-kursk-late-october';

describe('Link: rel="next"', () => {
  it('points at the next page of the same list, and following it gives that page', async () => {
    const { app } = await appWith();
    const first = await app.inject({ url: '/v1/claims?limit=2' });
    const { next_cursor } = first.json();
    expect(first.headers.link).toBe(`</v1/claims?limit=2&cursor=${next_cursor}>; rel="next"`);
    const target = /^<([^>]+)>; rel="next"$/.exec(String(first.headers.link))![1];
    const second = await app.inject({ url: target });
    const byCursor = await app.inject({ url: `/v1/claims?limit=2&cursor=${next_cursor}` });
    expect(second.json()).toEqual(byCursor.json());
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id);
    expect(second.headers.link).toBe(`</v1/claims?limit=2&cursor=${second.json().next_cursor}>; rel="next"`);
  });

  it('is absent on the last page and on items', async () => {
    const { app } = await appWith();
    const last = await app.inject({ url: '/v1/topics?limit=50' });
    expect(last.json().next_cursor).toBeNull();
    expect(last.headers.link).toBeUndefined();
    expect((await app.inject({ url: CLAIM })).headers.link).toBeUndefined();
  });

  it('keeps every other parameter, replaces the old cursor and encodes what needs it', async () => {
    const { app } = await appWith();
    app.get('/any/list', async () => ({ data: [1], next_cursor: 'eyJh_-' }));
    const res = await app.inject({ url: '/any/list?q=a%20b%26c%3C%3E%22&topic=x&topic=y&cursor=old&limit=1' });
    expect(res.headers.link).toBe('</any/list?q=a+b%26c%3C%3E%22&topic=x&topic=y&cursor=eyJh_-&limit=1>; rel="next"');
  });
});

describe('ETag and Cache-Control', () => {
  it('answers a matching If-None-Match with an empty 304 carrying the same validator', async () => {
    const { app } = await appWith();
    for (const url of [CLAIM, '/v1/claims?limit=3']) {
      const first = await app.inject({ url });
      expect(first.statusCode).toBe(200);
      // A list's ETag is weak; an editable item's is strong, naming its version ("v1.<revision>").
      expect(first.headers.etag).toMatch(url === CLAIM ? /^"v\d+\.[^"]+"$/ : /^W\/"[^"]+"$/);
      expect(first.headers['cache-control']).toBe('no-cache');
      const etag = String(first.headers.etag);
      // If-None-Match compares weakly: the same tag with or without W/ matches.
      const otherForm = etag.startsWith('W/') ? etag.slice(2) : `W/${etag}`;
      for (const ifNoneMatch of [etag, otherForm, `"other", ${etag}`, '*']) {
        const again = await app.inject({ url, headers: { 'if-none-match': ifNoneMatch } });
        expect(again.statusCode).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe('no-cache');
        expect(again.headers['content-length']).toBeUndefined();
      }
      const head = await app.inject({ method: 'HEAD', url, headers: { 'if-none-match': etag } });
      expect(head.statusCode).toBe(304);
      expect(head.headers['content-length']).toBe(String(first.rawPayload.length));
      expect((await app.inject({ url, headers: { 'if-none-match': 'W/"stale"' } })).statusCode).toBe(200);
    }
  });

  // The app's own connection, or another one on the same file (a seed reload, a second server).
  const writers = ['this connection', 'another connection'] as const;
  it.each(writers)('gives a resource changed through %s a new ETag, so an old one no longer matches', async (writer) => {
    const file = join(tempDir, `${writer.replaceAll(' ', '-')}.db`);
    writeFileSync(file, seededDb().serialize());
    const db = openDatabase(file);
    const app = await buildApp({ config: { logLevel: 'silent' }, db });
    opened.push(app);
    const before = await app.inject({ url: CLAIM });
    const other = writer === 'this connection' ? db : openDatabase(file);
    other.prepare('UPDATE claims SET text = ? WHERE id = ?').run('Edited.', CLAIM.split('/').pop());
    if (other !== db) other.close();
    const after = await app.inject({ url: CLAIM, headers: { 'if-none-match': String(before.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.json().text).toBe('Edited.');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('answers an unchanged GET with 304 before its handler runs, and runs it again after any commit', async () => {
    const { app, db } = await appWith();
    let runs = 0;
    app.get('/v1/probe', async () => ({ runs: ++runs }));
    const first = await app.inject({ url: '/v1/probe' });
    const again = await app.inject({ url: '/v1/probe', headers: { 'if-none-match': String(first.headers.etag) } });
    expect([again.statusCode, again.headers.etag, runs]).toEqual([304, first.headers.etag, 1]);
    // Any row written, anywhere: the tag names the database's state, not the answer's bytes.
    db.prepare("UPDATE entities SET description = 'x' WHERE id = 'nis'").run();
    const after = await app.inject({ url: '/v1/probe', headers: { 'if-none-match': String(first.headers.etag) } });
    expect([after.statusCode, runs]).toEqual([200, 2]);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('tells answers apart by URL and Accept, and never matches a tag from another run of the server', async () => {
    const { app, db } = await appWith();
    const tagOf = async (url: string, accept?: string, on = app) =>
      (await on.inject({ url, headers: accept ? { accept } : {} })).headers.etag;
    const tags = [await tagOf('/v1/claims?limit=2'), await tagOf('/v1/claims?limit=3'),
      await tagOf(CLAIM), await tagOf(CLAIM, 'application/ld+json')];
    expect(new Set(tags).size).toBe(4);
    const restarted = await buildApp({ config: { logLevel: 'silent' }, db });
    opened.push(restarted);
    expect(await tagOf('/v1/claims?limit=2', undefined, restarted)).not.toBe(tags[0]);
  });

  it('never marks an error cacheable and never answers one with 304', async () => {
    const { app } = await appWith();
    for (const url of ['/v1/claims/no-such-claim', '/v1/claims?limit=0', '/v1/nothing']) {
      const res = await app.inject({ url, headers: { 'if-none-match': '*' } });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it('lets a deployment allow reuse for a while, and keeps the health check uncached', async () => {
    const { app } = await appWith({ cacheMaxAgeSeconds: 30 });
    expect((await app.inject({ url: CLAIM })).headers['cache-control']).toBe('max-age=30');
    expect((await app.inject({ url: '/health' })).headers['cache-control']).toBe('no-store');
  });
});

describe('CORS', () => {
  const desk = 'https://desk.example.org';

  it('lets a listed origin read the response and the headers a dashboard needs', async () => {
    const { app } = await appWith({ corsOrigins: [desk, 'http://localhost:5173'] });
    const res = await app.inject({ url: '/v1/claims?limit=2', headers: { origin: desk } });
    expect(res.headers['access-control-allow-origin']).toBe(desk);
    expect(res.headers.vary).toMatch(/origin/i);
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(', ');
    expect(exposed).toEqual(expect.arrayContaining(
      ['etag', 'link', 'x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after']));
  });

  it('gives an unlisted origin nothing to read with', async () => {
    const { app } = await appWith({ corsOrigins: [desk] });
    const res = await app.inject({ url: '/v1/claims?limit=2', headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the preflight of a GET that sends If-None-Match and x-request-id', async () => {
    const { app } = await appWith({ corsOrigins: [desk] });
    const res = await app.inject({
      method: 'OPTIONS', url: '/v1/claims?limit=2',
      headers: { origin: desk, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match,x-request-id' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(desk);
    expect(String(res.headers['access-control-allow-methods'])).toContain('GET');
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase();
    expect(allowed).toContain('if-none-match');
    expect(allowed).toContain('x-request-id');
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('allows any origin with *, and sends no CORS headers when none is configured', async () => {
    const { app: open } = await appWith({ corsOrigins: ['*'] });
    expect((await open.inject({ url: '/health', headers: { origin: desk } })).headers['access-control-allow-origin']).toBe('*');
    const { app: closed } = await appWith();
    const res = await closed.inject({ url: '/health', headers: { origin: desk } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toBeUndefined();
  });
});

describe('compression', () => {
  it('compresses a large list with gzip or br when asked, to the same JSON, and not when not', async () => {
    const { app } = await appWith();
    const url = '/v1/claims?limit=200';
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br;q=1, gzip;q=0.5' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    // One weak validator for every encoding of the same data.
    expect(gzip.headers.etag).toBe(plain.headers.etag);
  });

  it('leaves a small response alone', async () => {
    const { app } = await appWith();
    const res = await app.inject({ url: '/health', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json().status).toBe('ok');
  });
});

describe('rate limiting', () => {
  it('counts requests per client, and answers the one over the limit with a problem+json 429', async () => {
    const desk = 'https://desk.example.org';
    const { app } = await appWith({ rateLimitMax: 3, rateLimitWindowMs: 60_000, corsOrigins: [desk] });
    for (const remaining of [2, 1, 0]) {
      const res = await app.inject({ url: CLAIM });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(res.headers['ratelimit-remaining']).toBe(String(remaining));
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
    }
    const over = await app.inject({ url: CLAIM, headers: { 'x-request-id': 'desk-9', origin: desk } });
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(over.json()).toEqual({
      type: 'urn:claimtrail:problem:rate_limited', title: 'Too many requests', status: 429,
      detail: expect.stringMatching(/^The limit is 3 requests per 60 s from one address: retry in /),
      instance: CLAIM, code: 'rate_limited', request_id: 'desk-9',
    });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.headers['ratelimit-remaining']).toBe('0');
    expect(over.headers['cache-control']).toBe('no-store');
    // A browser page can read the 429 and its Retry-After.
    expect(over.headers['access-control-allow-origin']).toBe(desk);
    const other = await app.inject({ url: CLAIM, remoteAddress: '203.0.113.7' });
    expect(other.statusCode).toBe(200);
  });

  it('does not limit the health check or the docs', async () => {
    const { app } = await appWith({ rateLimitMax: 1 });
    for (const url of ['/health', '/health', '/docs/', '/docs/', '/openapi.json', '/openapi.json']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('believes X-Forwarded-For only from trusted proxies', async () => {
    const forwarded = (ip: string) => ({ url: CLAIM, headers: { 'x-forwarded-for': ip } });
    const { app: direct } = await appWith({ rateLimitMax: 1 });
    expect((await direct.inject(forwarded('198.51.100.1'))).statusCode).toBe(200);
    expect((await direct.inject(forwarded('198.51.100.2'))).statusCode).toBe(429);
    const { app: proxied } = await appWith({ rateLimitMax: 1, trustProxy: ['127.0.0.1'] });
    expect((await proxied.inject(forwarded('198.51.100.1'))).statusCode).toBe(200);
    expect((await proxied.inject(forwarded('198.51.100.2'))).statusCode).toBe(200);
    expect((await proxied.inject(forwarded('198.51.100.1'))).statusCode).toBe(429);
  });

  it('can be switched off', async () => {
    const { app } = await appWith({ rateLimitMax: 0 });
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ url: CLAIM });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('access log', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('names the request id in every line about a request, as request_id', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: ':memory:', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
    });
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk;
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      lines.push(...complete.filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
    });
    const waitFor = async (found: () => unknown) => {
      for (let tries = 0; tries < 150 && !found(); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      return found();
    };
    const listening = await waitFor(() => lines.map((l) => /Server listening at (\S+)/.exec(String(l.msg))?.[1]).find(Boolean));
    expect(listening).toBeDefined();
    await fetch(`${listening}/v1/claims?limit=1`, { headers: { 'x-request-id': 'desk-7' } });
    await fetch(`${listening}/v1/claims/no-such-claim`);
    await waitFor(() => lines.filter((l) => l.msg === 'request completed').length >= 2);

    const aboutRequests = lines.filter((l) => 'req' in l || 'res' in l);
    expect(aboutRequests.length).toBeGreaterThanOrEqual(4);
    for (const line of aboutRequests) expect(line.request_id).toEqual(expect.any(String));
    expect(aboutRequests.filter((l) => l.request_id === 'desk-7').map((l) => l.msg))
      .toEqual(['incoming request', 'request completed']);
  }, 30_000);
});
