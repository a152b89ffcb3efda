import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { createKey } from '../auth/keys.js';
import { dumpTables, seededDb, useEditorApp } from '../../test/helpers.js';

const { ctx, write, read, etagOf } = useEditorApp();

const as = (key: string, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...headers });
const json = async (url: string) => (await read(url)).json();
const fieldNames = (response: { json(): { errors?: { name: string }[] } }) => response.json().errors?.map((e) => e.name);
const relationsOf = async (id: string) => (await json(`/v1/claims/${id}`)).relations;

const A = 'kh1125-nis-10900-troops-due';
const B = 'jad2502-ukr-intel-11000-first-dispatch';
const URL = `/v1/claims/${A}/relations/corroborates/${B}`;
const KEY = `${A}~corroborates~${B}`;
// In the corpus: "the later report contradicts the NIS on when the troops moved", with a note.
const SEEDED = '/v1/claims/jad2502-first-troops-to-kursk-november/relations/contradicts/jad1120-nis-11000-troops-to-kursk-late-october';

describe('POST /v1/claims/{id}/relations', () => {
  it('needs an ctx.editor key: 401 without one, 403 with a reader key', async () => {
    const payload = { type: 'corroborates', claim_id: B };
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/claims/${A}/relations`, payload })).statusCode).toBe(401);
    const reader = createKey(ctx.db, 'intern', 'reader');
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/claims/${A}/relations`, payload, headers: as(reader) })).statusCode).toBe(403);
  });

  it('relates this claim to the other: both claims list it, with its own ETag, Location and history', async () => {
    const response = await write('POST', `/v1/claims/${A}/relations`, { type: 'corroborates', claim_id: B, note: 'Both put it near 11,000.' });
    expect(response.statusCode).toBe(201);
    const relation = { id: KEY, from: A, type: 'corroborates', to: B, note: 'Both put it near 11,000.', version: 1 };
    expect(response.json()).toEqual(relation);
    expect(response.headers.location).toBe(URL);
    expect(response.headers.etag).toMatch(/^"v1\./);
    expect(await json(URL)).toEqual(relation);
    expect(await relationsOf(A)).toContainEqual({ type: 'corroborates', claim_id: B, direction: 'outgoing' });
    expect(await relationsOf(B)).toContainEqual({ type: 'corroborates', claim_id: A, direction: 'incoming' });
    expect((await json(`${URL}/history`)).data).toMatchObject([
      { resource: 'relations', resource_id: KEY, action: 'create', actor: 'desk', version: 1, before: null, after: relation },
    ]);
    expect((await json('/v1/changes?resource=relations')).data.map((c: { resource_id: string }) => c.resource_id)).toEqual([KEY]);
  });

  it('refuses an unknown or the same claim in the body (422), an unknown claim in the path (404) and a repeat (409)', async () => {
    const before = dumpTables(ctx.db);
    const unknown = await write('POST', `/v1/claims/${A}/relations`, { type: 'updates', claim_id: 'no-such-claim' });
    expect(unknown.statusCode).toBe(422);
    expect(fieldNames(unknown)).toEqual(['claim_id']);
    const itself = await write('POST', `/v1/claims/${A}/relations`, { type: 'updates', claim_id: A });
    expect(itself.statusCode).toBe(422);
    expect(itself.json().detail).toBe('A claim cannot relate to itself.');
    const noFrom = await write('POST', '/v1/claims/no-such-claim/relations', { type: 'updates', claim_id: A });
    expect(noFrom.statusCode).toBe(404);
    const badType = await write('POST', `/v1/claims/${A}/relations`, { type: 'agrees', claim_id: B });
    expect(fieldNames(badType)).toEqual(['type']);
    const extra = await write('POST', `/v1/claims/${A}/relations`, { type: 'updates', claim_id: B, from: A });
    expect(fieldNames(extra)).toEqual(['from']);
    expect(dumpTables(ctx.db)).toEqual(before);

    const repeat = await write('POST', '/v1/claims/jad2502-first-troops-to-kursk-november/relations',
      { type: 'contradicts', claim_id: 'jad1120-nis-11000-troops-to-kursk-late-october' });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json()).toMatchObject({
      code: 'conflict', existing_id: 'jad2502-first-troops-to-kursk-november~contradicts~jad1120-nis-11000-troops-to-kursk-late-october',
    });
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('answers 410 for a deleted claim in the path', async () => {
    await write('DELETE', `/v1/claims/${A}`, undefined, { 'if-match': '*' });
    expect((await write('POST', `/v1/claims/${A}/relations`, { type: 'updates', claim_id: B })).statusCode).toBe(410);
    expect((await read(URL)).statusCode).toBe(410);
    const toDeleted = await write('POST', `/v1/claims/${B}/relations`, { type: 'updates', claim_id: A });
    expect(fieldNames(toDeleted)).toEqual(['claim_id']);
  });
});

describe('PATCH and DELETE /v1/claims/{id}/relations/{type}/{other}', () => {
  it("changes a relation's note with If-Match: 428 without, 412 when stale, and a revision", async () => {
    const stale = await etagOf(SEEDED);
    expect(stale).toMatch(/^"v1\./);
    expect((await write('PATCH', SEEDED, { note: 'Dates differ.' })).statusCode).toBe(428);
    const changed = await write('PATCH', SEEDED, { note: 'Dates differ.' }, { 'if-match': stale });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ note: 'Dates differ.', version: 2 });
    expect(changed.headers.etag).toMatch(/^"v2\./);
    const before = dumpTables(ctx.db);
    const late = await write('PATCH', SEEDED, { note: null }, { 'if-match': stale });
    expect(late.statusCode).toBe(412);
    expect(late.json()).toMatchObject({ current_version: 2 });
    expect(dumpTables(ctx.db)).toEqual(before);
    expect((await json(`${SEEDED}/history`)).data).toMatchObject([{
      action: 'update', actor: 'desk', version: 2,
      before: { note: 'The NIS put the move in late October; the later report puts it in November.' }, after: { note: 'Dates differ.' },
    }]);
    expect(fieldNames(await write('PATCH', SEEDED, { type: 'updates' }, { 'if-match': '*' }))).toContain('type');
  });

  it('deletes a relation (410 after), keeps it in history, and adding it again continues that history', async () => {
    expect((await write('DELETE', SEEDED)).statusCode).toBe(428);
    expect((await write('DELETE', SEEDED, undefined, { 'if-match': '"v9"' })).statusCode).toBe(412);
    const deleted = await write('DELETE', SEEDED, undefined, { 'if-match': await etagOf(SEEDED) });
    expect(deleted.statusCode).toBe(204);
    expect((await read(SEEDED)).statusCode).toBe(410);
    expect((await relationsOf('jad1120-nis-11000-troops-to-kursk-late-october')).map((r: { claim_id: string }) => r.claim_id))
      .not.toContain('jad2502-first-troops-to-kursk-november');

    const again = await write('POST', '/v1/claims/jad2502-first-troops-to-kursk-november/relations',
      { type: 'contradicts', claim_id: 'jad1120-nis-11000-troops-to-kursk-late-october', note: 'Back.' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ note: 'Back.', version: 3 });
    expect((await json(`${SEEDED}/history`)).data.map((r: { action: string; version: number }) => `${r.action} ${r.version}`))
      .toEqual(['delete 1', 'restore 2', 'update 3']);
  });

  it('lets an admin restore a deleted relation, not while one of its claims is deleted', async () => {
    const admin = createKey(ctx.db, 'chief', 'admin');
    await write('DELETE', SEEDED, undefined, { 'if-match': '*' });
    expect((await write('POST', `${SEEDED}/restore`)).statusCode).toBe(403);
    await write('DELETE', '/v1/claims/jad2502-first-troops-to-kursk-november', undefined, { 'if-match': '*' });
    const blocked = await ctx.app.inject({ method: 'POST', url: `${SEEDED}/restore`, headers: as(admin) });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toContain('claim "jad2502-first-troops-to-kursk-november" is deleted');
    await ctx.app.inject({ method: 'POST', url: '/v1/claims/jad2502-first-troops-to-kursk-november/restore', headers: as(admin) });
    const restored = await ctx.app.inject({ method: 'POST', url: `${SEEDED}/restore`, headers: as(admin) });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ note: 'The NIS put the move in late October; the later report puts it in November.', version: 2 });
  });

  it('serves the documented example as it is in the corpus', async () => {
    const { relationItemSchema } = await import('./schema.js');
    const example = z.globalRegistry.get(relationItemSchema)?.example as { from: string; type: string; to: string };
    expect(await json(`/v1/claims/${example.from}/relations/${example.type}/${example.to}`)).toEqual(example);
  });

  it('answers 404 for a relation that never was', async () => {
    expect((await read(`/v1/claims/${A}/relations/updates/${B}`)).statusCode).toBe(404);
    expect((await read(`/v1/claims/${A}/relations/updates/${B}/history`)).statusCode).toBe(404);
    expect((await write('DELETE', `/v1/claims/${A}/relations/updates/${B}`, undefined, { 'if-match': '*' })).statusCode).toBe(404);
  });
});

describe('relation writes, like every write', () => {
  it('are limited per key (429 past the limit)', async () => {
    const limitedDb = seededDb();
    const key = createKey(limitedDb, 'batch', 'editor');
    const limited = await buildApp({ config: { logLevel: 'silent', writeRateLimitMax: 2 }, db: limitedDb });
    const post = (type: string) => limited.inject({
      method: 'POST', url: `/v1/claims/${A}/relations`, payload: { type, claim_id: B }, headers: as(key),
    });
    expect((await post('updates')).statusCode).toBe(201);
    expect((await post('repeats')).statusCode).toBe(201);
    const third = await post('contradicts');
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('rate_limited');
    await limited.close();
  });

  it('refuse text that is not well-formed Unicode', async () => {
    const response = await write('POST', `/v1/claims/${A}/relations`, { type: 'updates', claim_id: B, note: 'bad \ud800' });
    expect(response.statusCode).toBe(400);
    expect(fieldNames(response)).toEqual(['note']);
  });
});
