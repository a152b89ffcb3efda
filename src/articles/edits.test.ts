import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { dumpTables, seededApp } from '../../test/helpers.js';
import { sliceCodePoints } from '../annotations/text-position.js';
import { createKey } from '../auth/keys.js';
import type { Db } from '../db/client.js';

const SEEDED = 'kh-2024-11-25-nk-casualties';
const CSM_URL = 'https://www.csmonitor.com/World/Asia-Pacific/2024/1018/north-korea-russia-ukraine-war-troop-deployment';
const RAW = `Back To Top
Seoul Sample Daily
Spy agency sees more troops heading west
By Jane Roe
A soldier at a port. (Yonhap)
A soldier at a port. (Yonhap)
The National Intelligence Service said on Monday that a new contingent zebrafinch was seen at the port, the agency added.
Back To Top
`;

async function setup() {
  const { app, db } = await seededApp();
  const keys = { editor: createKey(db, 'desk', 'editor'), admin: createKey(db, 'chief', 'admin'), reader: createKey(db, 'intern', 'reader') };
  const as = (role: keyof typeof keys, etag?: string) => ({ authorization: `Bearer ${keys[role]}`, ...(etag ? { 'if-match': etag } : {}) });
  return { app, db, as };
}
type Ctx = Awaited<ReturnType<typeof setup>>;

const article = {
  title: 'Spy agency sees more troops heading west', publisher: 'Seoul Sample Daily', authors: ['Jane Roe'],
  url: 'https://example.com/spy-agency-troops', published: { at: '2025-03-04', precision: 'day' }, raw_text: RAW,
};

const create = (c: Ctx, payload: object = article) => c.app.inject({ method: 'POST', url: '/v1/articles', headers: c.as('editor'), payload });
const read = async (app: FastifyInstance, url: string) => (await app.inject({ url })).json();
const mentionsOf = (db: Db, entity: string) => (db.prepare('SELECT article_count AS n FROM entities WHERE id = ?').get(entity) as { n: number }).n;

describe('POST /v1/articles', () => {
  it('cleans the raw text as the loader does, dates it, finds its mentions, and records who created it', async () => {
    const c = await setup();
    const before = mentionsOf(c.db, 'nis');
    const res = await create(c);
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/v1/articles/spy-agency-sees-more-troops-heading-west');
    expect(res.headers.etag).toMatch(/^"v1\./);
    const created = res.json();
    expect(created).toMatchObject({ id: 'spy-agency-sees-more-troops-heading-west', version: 1, raw_text: RAW, boilerplate: [] });
    expect(created.body).toBe('A soldier at a port. (Yonhap)\n\nThe National Intelligence Service said on Monday that a new contingent zebrafinch was seen at the port, the agency added.');
    expect(await read(c.app, `/v1/articles/${created.id}`)).toEqual(created);
    expect((await read(c.app, '/v1/articles?from=2025-03-04&to=2025-03-04')).data.map((a: { id: string }) => a.id)).toEqual([created.id]);
    expect((await read(c.app, '/v1/articles?q=zebrafinch')).data.map((a: { id: string }) => a.id)).toEqual([created.id]);
    expect(mentionsOf(c.db, 'nis')).toBe(before + 1);
    const { spans } = await read(c.app, `/v1/articles/${created.id}/annotations`);
    expect(spans).toContainEqual(expect.objectContaining({ type: 'mention', exact: 'National Intelligence Service', entity: expect.objectContaining({ id: 'nis' }) }));
    const { data } = await read(c.app, `/v1/articles/${created.id}/history`);
    expect(data).toMatchObject([{ action: 'create', actor: 'desk', version: 1, before: null, after: created }]);
  });

  it('drops boilerplate lines the editor names, besides the built-in ones', async () => {
    const c = await setup();
    const res = await create(c, { ...article, boilerplate: ['A soldier at a port. (Yonhap)'] });
    expect(res.json().body).toBe('The National Intelligence Service said on Monday that a new contingent zebrafinch was seen at the port, the agency added.');
  });

  it('answers 401 without a key and 403 for a reader, 400 for an unknown field, 422 for a text that cleans to nothing', async () => {
    const c = await setup();
    const before = dumpTables(c.db);
    expect((await c.app.inject({ method: 'POST', url: '/v1/articles', payload: article })).statusCode).toBe(401);
    expect((await c.app.inject({ method: 'POST', url: '/v1/articles', headers: c.as('reader'), payload: article })).statusCode).toBe(403);
    const unknown = await create(c, { ...article, file: 'x.txt' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ in: 'body', name: 'file', message: 'is not a known field' }]);
    const empty = await create(c, { ...article, raw_text: 'Back To Top\nBy Jane Roe\n' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors).toEqual([{ in: 'body', name: 'raw_text', message: 'has no article text after cleaning' }]);
    expect(dumpTables(c.db)).toEqual(before);
  });

  it('refuses a URL another article has with a 409 naming it, and a taken id, changing nothing', async () => {
    const c = await setup();
    const before = dumpTables(c.db);
    const res = await create(c, { ...article, url: CSM_URL });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', existing_id: 'csm-2024-10-18-is-that-true' });
    expect(res.json().detail).toContain('"csm-2024-10-18-is-that-true"');
    const taken = await create(c, { ...article, id: SEEDED });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().existing_id).toBe(SEEDED);
    expect(dumpTables(c.db)).toEqual(before);
  });

  it('leaves nothing behind when the write fails half-way', async () => {
    const c = await setup();
    // The article row is in by the time its mentions are written; this makes that step fail.
    c.db.exec("CREATE TRIGGER fail_mentions BEFORE INSERT ON mentions BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
    const before = dumpTables(c.db);
    expect((await create(c)).statusCode).toBe(500);
    expect(dumpTables(c.db)).toEqual(before);
    expect((await c.app.inject({ url: '/v1/articles/spy-agency-sees-more-troops-heading-west' })).statusCode).toBe(404);
  });
});

describe('PATCH /v1/articles/{id}', () => {
  const patch = async (c: Ctx, id: string, payload: object, etag?: string) =>
    c.app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: c.as('editor', etag), payload });
  const etagOf = async (c: Ctx, id: string) => (await c.app.inject({ url: `/v1/articles/${id}` })).headers.etag as string;
  const claimsOf = async (c: Ctx, id: string) =>
    (await read(c.app, `/v1/claims?article=${id}&limit=200`)).data as { id: string; quote: { exact: string; prefix: string; start: number; end: number } }[];

  it('re-cleans a corrected raw text and moves every claim onto its quote in the new body', async () => {
    const c = await setup();
    const { raw_text, body } = await read(c.app, `/v1/articles/${SEEDED}`);
    const claimsBefore = await claimsOf(c, SEEDED);
    const moved = raw_text.replace('South Korea has intelligence', 'Editor’s note: corrected on Tuesday.\n\nSouth Korea has intelligence')
      // The same sentence again at the end: a quote from it now occurs twice, and its stored context picks the first.
      + '\nMany of the North Korean soldiers sent to the war were in their late teens or early 20s, according to the NIS.\n';
    const res = await patch(c, SEEDED, { raw_text: moved }, await etagOf(c, SEEDED));
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"v2\./);
    const after = res.json();
    expect(after.body).toContain('Editor’s note: corrected on Tuesday.');
    const claimsAfter = await claimsOf(c, SEEDED);
    expect(claimsAfter.map((x) => x.id)).toEqual(claimsBefore.map((x) => x.id));
    for (const claim of claimsAfter) expect(sliceCodePoints(after.body, claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
    // Quotes after the note moved by its length; the one whose sentence now occurs twice kept its own occurrence.
    const note = Array.from('Editor’s note: corrected on Tuesday.\n\n').length;
    const at = Array.from(body.slice(0, body.indexOf('South Korea has intelligence'))).length;
    for (const [i, claim] of claimsAfter.entries()) {
      const was = claimsBefore[i].quote.start;
      expect(claim.quote.start).toBe(was < at ? was : was + note);
    }
    expect(claimsAfter.filter((x) => x.quote.exact.startsWith('Many of the North Korean soldiers sent'))).toHaveLength(1);
    const { spans } = await read(c.app, `/v1/articles/${SEEDED}/annotations`);
    for (const span of spans) expect(sliceCodePoints(after.body, span.start, span.end)).toBe(span.exact);
    const { data } = await read(c.app, `/v1/articles/${SEEDED}/history`);
    expect(data).toMatchObject([{ action: 'update', actor: 'desk', version: 2, before: { version: 1, raw_text }, after: { version: 2, raw_text: moved } }]);
  });

  it('refuses an edit that takes away a quoted sentence with a 422 naming each claim, and changes nothing', async () => {
    const c = await setup();
    const { raw_text } = await read(c.app, `/v1/articles/${SEEDED}`);
    const cut = raw_text.replace(/RBC-Ukraine, a Ukrainian news agency, reported Sunday[^\n]*\n/, '');
    const before = dumpTables(c.db);
    const res = await patch(c, SEEDED, { raw_text: cut }, await etagOf(c, SEEDED));
    expect(res.statusCode).toBe(422);
    const names = res.json().errors.map((e: { message: string }) => e.message.match(/^claim "([^"]+)"/)?.[1]);
    expect(names).toEqual(expect.arrayContaining(['kh1125-rbc-storm-shadow-500-killed', 'kh1125-rbc-storm-shadow-three-wounded']));
    expect(res.json().errors[0]).toMatchObject({ in: 'body', name: 'raw_text', message: expect.stringContaining('does not occur') });
    expect(dumpTables(c.db)).toEqual(before);
  });

  it('changes metadata alone without touching the body, and leaves out fields as they were', async () => {
    const c = await setup();
    const current = await read(c.app, `/v1/articles/${SEEDED}`);
    const res = await patch(c, SEEDED, { url: 'https://example.com/kh-casualties', updated: { at: '2024-11-26', precision: 'day' } }, await etagOf(c, SEEDED));
    expect(res.statusCode).toBe(200);
    const { version: _v, ...rest } = current;
    expect(res.json()).toEqual({ ...rest, version: 2, url: 'https://example.com/kh-casualties', updated_at: '2024-11-26', updated_precision: 'day' });
  });

  it('needs If-Match (428), refuses a stale one (412) and a URL in use (409)', async () => {
    const c = await setup();
    const before = dumpTables(c.db);
    expect((await patch(c, SEEDED, { title: 'New' })).statusCode).toBe(428);
    const stale = await patch(c, SEEDED, { title: 'New' }, '"v7.abc"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current_version).toBe(1);
    const clash = await patch(c, SEEDED, { url: CSM_URL }, await etagOf(c, SEEDED));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().existing_id).toBe('csm-2024-10-18-is-that-true');
    expect(dumpTables(c.db)).toEqual(before);
  });
});

describe('DELETE and restore /v1/articles/{id}', () => {
  it('refuses to delete an article that still has claims', async () => {
    const c = await setup();
    const etag = (await c.app.inject({ url: `/v1/articles/${SEEDED}` })).headers.etag as string;
    const res = await c.app.inject({ method: 'DELETE', url: `/v1/articles/${SEEDED}`, headers: c.as('editor', etag) });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/retract or move its 18 claims first/);
  });

  it('deletes (410 after), keeps it in history, and an admin restores it with its mentions and hints', async () => {
    const c = await setup();
    const { id } = (await create(c)).json();
    const hint = { mentions: [{ entity: 'nis', text: 'the agency' }] };
    // A hint only this article has must come back with it.
    expect((await c.app.inject({ method: 'POST', url: `/v1/articles/${id}/annotations`, headers: c.as('editor'), payload: hint })).statusCode).toBe(201);
    const shown = await c.app.inject({ url: `/v1/articles/${id}` });
    const spans = await read(c.app, `/v1/articles/${id}/annotations`);
    const counted = mentionsOf(c.db, 'nis');
    const del = await c.app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: c.as('editor', shown.headers.etag as string) });
    expect(del.statusCode).toBe(204);
    const gone = await c.app.inject({ url: `/v1/articles/${id}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().detail).toContain('history');
    expect(mentionsOf(c.db, 'nis')).toBe(counted - 1);
    expect((await c.app.inject({ method: 'POST', url: `/v1/articles/${id}/restore`, headers: c.as('editor') })).statusCode).toBe(403);
    const restored = await c.app.inject({ method: 'POST', url: `/v1/articles/${id}/restore`, headers: c.as('admin') });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toEqual({ ...shown.json(), version: 2 });
    expect(await read(c.app, `/v1/articles/${id}/annotations`)).toEqual(spans);
    expect(spans.spans).toContainEqual(expect.objectContaining({ type: 'mention', exact: 'the agency' }));
    expect(mentionsOf(c.db, 'nis')).toBe(counted);
    const { data } = await read(c.app, `/v1/articles/${id}/history`);
    expect(data.map((r: { action: string; actor: string }) => `${r.action} ${r.actor}`)).toEqual(['create desk', 'delete desk', 'restore chief']);
    expect(data[1].before).toMatchObject({ raw_text: RAW, mention_hints: [{ entity: 'nis', text: 'the agency' }] });
  });
});
