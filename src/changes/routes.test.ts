import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createKey } from '../auth/keys.js';
import { buildApp } from '../app.js';
import type { Db } from '../db/client.js';
import { seededDb } from '../../test/helpers.js';

let app: FastifyInstance;
let db: Db;
let key: string;
beforeEach(async () => {
  db = seededDb();
  key = createKey(db, 'desk', 'editor');
  app = await buildApp({ config: { logLevel: 'silent', changesPollMs: 50 }, db });
});
afterEach(() => app.close());

const auth = (extra = {}) => ({ authorization: `Bearer ${key}`, ...extra });
const createTopic = async (question: string) =>
  (await app.inject({ method: 'POST', url: '/v1/topics', headers: auth(), payload: { question } })).json();

describe('/v1/changes', () => {
  it('lists creates, updates and deletes in commit order with a growing seq, paged by next_since', async () => {
    const a = await createTopic('First question?');
    const b = await createTopic('Second question?');
    const etag = (await app.inject({ url: `/v1/topics/${a.id}` })).headers.etag as string;
    await app.inject({ method: 'PATCH', url: `/v1/topics/${a.id}`, headers: auth({ 'if-match': etag }), payload: { unit: 'x' } });
    await app.inject({ method: 'DELETE', url: `/v1/topics/${b.id}`, headers: auth({ 'if-match': '*' }) });
    const all = (await app.inject({ url: '/v1/changes' })).json();
    expect(all.data.map((c: { action: string; resource_id: string }) => `${c.action} ${c.resource_id}`)).toEqual([
      `create ${a.id}`, `create ${b.id}`, `update ${a.id}`, `delete ${b.id}`,
    ]);
    const seqs = all.data.map((c: { seq: number }) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(all).toMatchObject({ next_since: seqs.at(-1), has_more: false });
    expect(all.data[3]).toMatchObject({ actor: 'desk', after: null, before: { id: b.id } });

    const first = (await app.inject({ url: '/v1/changes?limit=2' })).json();
    expect(first).toMatchObject({ has_more: true, next_since: seqs[1] });
    const rest = (await app.inject({ url: `/v1/changes?since=${first.next_since}` })).json();
    expect(rest.data.map((c: { seq: number }) => c.seq)).toEqual(seqs.slice(2));
    const none = (await app.inject({ url: `/v1/changes?since=${seqs.at(-1)}` })).json();
    expect(none).toEqual({ data: [], next_since: seqs.at(-1), has_more: false });
  });

  it('filters by resource and rejects a bad since', async () => {
    await createTopic('A question?');
    expect((await app.inject({ url: '/v1/changes?resource=claims' })).json().data).toEqual([]);
    expect((await app.inject({ url: '/v1/changes?resource=topics' })).json().data).toHaveLength(1);
    const bad = await app.inject({ url: '/v1/changes?since=-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].name).toBe('since');
  });
});

/** Reads a stream's text until `until` matches, over a real socket. */
function readEvents(url: string, headers: Record<string, string>, until: RegExp): Promise<{ text: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (until.test(text)) {
          req.destroy();
          resolve({ text, type: String(res.headers['content-type']) });
        }
      });
    });
    req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
    setTimeout(() => reject(new Error('no event in time')), 5000).unref();
    req.end();
  });
}

describe('/v1/changes/stream', () => {
  it('pushes changes committed after it connected, as Server-Sent Events', async () => {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const events = readEvents(`${url}/v1/changes/stream`, {}, /event: change[\s\S]*Streamed question/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await createTopic('Streamed question?');
    const { text, type } = await events;
    expect(type).toMatch(/^text\/event-stream/);
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]);
    expect(data).toMatchObject({ action: 'create', resource: 'topics', after: { question: 'Streamed question?' } });
    expect(text).toMatch(new RegExp(`id: ${data.seq}\\n`));
  });

  it('resumes after Last-Event-ID, replaying what was missed', async () => {
    await createTopic('Missed one?');
    await createTopic('Missed two?');
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const { text } = await readEvents(`${url}/v1/changes/stream`, { 'last-event-id': '1' }, /Missed two/);
    expect(text).not.toContain('Missed one');
    expect(text).toMatch(/id: 2\n/);
  });
});
