import { describe, expect, it } from 'vitest';
import { createKey } from '../auth/keys.js';
import { dumpTables, useEditorApp } from '../../test/helpers.js';

const { ctx, write, read, etagOf } = useEditorApp();

const mentionsIn = async (articleId: string, entityId: string) =>
  ((await read(`/v1/articles/${articleId}/annotations`)).json().spans as { type: string; exact: string; start: number; entity?: { id: string } }[])
    .filter((s) => s.type === 'mention' && s.entity?.id === entityId).map((s) => `${s.start}:${s.exact}`);
const search = async (q: string) => (await read(`/v1/entities?limit=200&q=${encodeURIComponent(q)}`)).json().data.map((e: { id: string }) => e.id);

const ISW = { kind: 'think_tank', name: 'Institute for the Study of War', aliases: ['ISW'], description: 'A Washington think tank.' };

describe('POST /v1/entities', () => {
  it('needs an ctx.editor key: 401 without one, 403 with a reader key', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/entities', payload: ISW })).statusCode).toBe(401);
    const reader = createKey(ctx.db, 'intern', 'reader');
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/entities', payload: ISW, headers: { authorization: `Bearer ${reader}` } });
    expect(response.statusCode).toBe(403);
  });

  it('creates it with an id from its name, version 1, and finds its mentions in the articles that name it', async () => {
    expect(await search('korean war')).toEqual([]);
    const response = await write('POST', '/v1/entities', { kind: 'group', name: 'Korean War', description: 'The war of 1950-53.' });
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe('/v1/entities/korean-war');
    expect(response.headers.etag).toMatch(/^"v1\./);
    const created = (await read('/v1/entities/korean-war')).json();
    expect(created).toMatchObject({ id: 'korean-war', aliases: [], wikidata_id: null, version: 1, articles_mentioned_in: 1 });
    const history = (await read('/v1/entities/korean-war/history')).json().data;
    expect(history).toMatchObject([{ action: 'create', actor: 'desk', before: null, after: { id: 'korean-war', version: 1 } }]);
    expect(await search('korean war')).toEqual(['korean-war']);
    const [article] = (ctx.db.prepare("SELECT article_id FROM mentions WHERE entity_id = 'korean-war'").pluck().all() as string[]);
    expect((await mentionsIn(article, 'korean-war')).map((m) => m.split(':')[1])).toEqual(['Korean War']);
  });

  it('refuses unknown fields, a bad kind and a taken id, and changes nothing', async () => {
    const before = dumpTables(ctx.db);
    expect((await write('POST', '/v1/entities', { ...ISW, website: 'x' })).json().errors).toEqual([{ in: 'body', name: 'website', message: 'is not a known field' }]);
    expect((await write('POST', '/v1/entities', { ...ISW, kind: 'blog' })).statusCode).toBe(400);
    const taken = await write('POST', '/v1/entities', { ...ISW, id: 'nis' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().existing_id).toBe('nis');
    expect(dumpTables(ctx.db)).toEqual(before);
  });
});

describe('PATCH /v1/entities/{id}', () => {
  it('changes only the fields sent, with If-Match, and records who changed what', async () => {
    const url = '/v1/entities/volodymyr-zelenskyy';
    const before = (await read(url)).json();
    const response = await write('PATCH', url, { description: 'President of Ukraine since 2019.' }, { 'if-match': await etagOf(url) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...before, description: 'President of Ukraine since 2019.', version: 2 });
    const [revision] = (await read(`${url}/history`)).json().data;
    expect(revision).toMatchObject({ action: 'update', version: 2, actor: 'desk', before, after: response.json() });
  });

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    const url = '/v1/entities/nis';
    const stale = await etagOf(url);
    await write('PATCH', url, { description: 'First edit.' }, { 'if-match': stale });
    const before = dumpTables(ctx.db);
    expect((await write('PATCH', url, { description: 'Second edit.' })).statusCode).toBe(428);
    const conflict = await write('PATCH', url, { description: 'Second edit.' }, { 'if-match': stale });
    expect(conflict.statusCode).toBe(412);
    expect(conflict.json().current_version).toBe(2);
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('re-finds mentions when an alias changes, and search finds the new alias', async () => {
    const url = '/v1/entities/volodymyr-zelenskyy';
    const csm = 'csm-2024-10-18-is-that-true';
    expect(await mentionsIn(csm, 'volodymyr-zelenskyy')).toContain('5533:Mr. Zelenskyy');
    expect(await search('ukrainian president')).not.toContain('volodymyr-zelenskyy');
    const aliases = ['Zelenskyy', 'Zelensky', 'Volodymyr Zelensky', 'Ukrainian President Volodymyr Zelenskyy'];
    const response = await write('PATCH', url, { aliases }, { 'if-match': await etagOf(url) });
    expect(response.statusCode).toBe(200);
    const now = await mentionsIn(csm, 'volodymyr-zelenskyy');
    // The dropped alias leaves the shorter one inside it; the new longer alias takes over the name.
    expect(now).toContain('5537:Zelenskyy');
    expect(now).not.toContain('5533:Mr. Zelenskyy');
    expect(now.some((m) => m.endsWith(':Ukrainian President Volodymyr Zelenskyy'))).toBe(true);
    expect(await search('ukrainian president')).toContain('volodymyr-zelenskyy');
    expect(response.json().articles_mentioned_in).toBe(3);
  });

  it('refuses an empty patch and a field of the wrong type', async () => {
    const url = '/v1/entities/nis';
    const etag = await etagOf(url);
    expect((await write('PATCH', url, {}, { 'if-match': etag })).statusCode).toBe(400);
    expect((await write('PATCH', url, { aliases: 'NIS' }, { 'if-match': etag })).json().errors[0].name).toBe('aliases');
  });
});

describe('DELETE /v1/entities/{id}', () => {
  it('is a 409 naming how many claims, events and mention hints still refer to it', async () => {
    const before = dumpTables(ctx.db);
    const zelenskyy = await write('DELETE', '/v1/entities/volodymyr-zelenskyy', undefined, { 'if-match': '*' });
    expect(zelenskyy.statusCode).toBe(409);
    expect(zelenskyy.json().detail).toContain('11 claim(s)');
    expect(zelenskyy.json().detail).toContain('4 event(s)');
    const nis = await write('DELETE', '/v1/entities/nis', undefined, { 'if-match': '*' });
    expect(nis.json().detail).toMatch(/\d+ mention hint\(s\)/);
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('answers 410 after a delete, and an admin restore brings back the entity and its mentions', async () => {
    const url = '/v1/entities/lorne-cook';
    const csm = 'csm-2024-10-18-is-that-true';
    const before = (await read(url)).json();
    const annotationsBefore = (await read(`/v1/articles/${csm}/annotations`)).json();
    expect(await mentionsIn(csm, 'lorne-cook')).toEqual(['7046:Lorne Cook']);
    expect((await write('DELETE', url, undefined, { 'if-match': await etagOf(url) })).statusCode).toBe(204);
    expect((await read(url)).statusCode).toBe(410);
    expect(await mentionsIn(csm, 'lorne-cook')).toEqual([]);
    expect(await search('lorne')).toEqual([]);
    expect((await write('POST', `${url}/restore`)).statusCode).toBe(403);
    const admin = createKey(ctx.db, 'chief', 'admin');
    const restored = await ctx.app.inject({ method: 'POST', url: `${url}/restore`, headers: { authorization: `Bearer ${admin}` } });
    expect(restored.statusCode).toBe(200);
    expect((await read(url)).json()).toEqual({ ...before, version: 2 });
    expect((await read(`/v1/articles/${csm}/annotations`)).json()).toEqual(annotationsBefore);
    const actions = (await read(`${url}/history`)).json().data.map((r: { action: string; actor: string }) => `${r.action}:${r.actor}`);
    expect(actions).toEqual(['delete:desk', 'restore:chief']);
  });
});
