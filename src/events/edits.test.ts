import { describe, expect, it } from 'vitest';
import { createKey } from '../auth/keys.js';
import { dumpTables, useEditorApp } from '../../test/helpers.js';

const { ctx, write, read, etagOf } = useEditorApp();

const listed = async (query: string) => (await read(`/v1/events?limit=200&${query}`)).json().data.map((e: { id: string }) => e.id);

const SUMMIT = {
  kind: 'summit', title: 'Putin and Kim meet in Pyongyang', start: '2025-03', locations: ['pyongyang'],
  participants: [{ entity: 'vladimir-putin', role: 'attendee' }, { entity: 'kim-jong-un', role: 'host' }],
};
const REPORTED = '/v1/events/nk-special-forces-shipped-to-vladivostok';

describe('POST /v1/events', () => {
  it('needs an ctx.editor key', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/events', payload: SUMMIT })).statusCode).toBe(401);
    const reader = createKey(ctx.db, 'intern', 'reader');
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/events', payload: SUMMIT, headers: { authorization: `Bearer ${reader}` } })).statusCode).toBe(403);
  });

  it('creates it with an id from its title, its places and participants, and the days its dates cover', async () => {
    const response = await write('POST', '/v1/events', SUMMIT);
    expect(response.statusCode).toBe(201);
    const url = '/v1/events/putin-and-kim-meet-in-pyongyang';
    expect(response.headers.location).toBe(url);
    expect((await read(url)).json()).toEqual({
      id: 'putin-and-kim-meet-in-pyongyang', kind: 'summit', title: SUMMIT.title, start: '2025-03', end: null, description: null,
      locations: [{ id: 'pyongyang', name: 'Pyongyang', role: 'location' }],
      participants: [{ id: 'vladimir-putin', name: 'Vladimir Putin', role: 'attendee' }, { id: 'kim-jong-un', name: 'Kim Jong Un', role: 'host' }],
      claim_ids: [], version: 1,
    });
    // A month-precision start covers the whole month (start_day .. end_day).
    expect(await listed('from=2025-03-31&to=2025-03-31')).toContain('putin-and-kim-meet-in-pyongyang');
    expect(await listed('from=2025-04-01')).not.toContain('putin-and-kim-meet-in-pyongyang');
    expect(await listed('entity=kim-jong-un')).toContain('putin-and-kim-meet-in-pyongyang');
    const [revision] = (await read(`${url}/history`)).json().data;
    expect(revision).toMatchObject({ action: 'create', actor: 'desk', after: { id: 'putin-and-kim-meet-in-pyongyang' } });
  });

  it('answers 422 naming each unknown, deleted or repeated entity, and changes nothing', async () => {
    await write('DELETE', '/v1/entities/lorne-cook', undefined, { 'if-match': '*' });
    const before = dumpTables(ctx.db);
    const response = await write('POST', '/v1/events', {
      ...SUMMIT, locations: ['pyongyang', 'atlantis', 'pyongyang'],
      participants: [{ entity: 'lorne-cook', role: 'attendee' }, { entity: 'kim-jong-un', role: 'host' }, { entity: 'kim-jong-un', role: 'host' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { in: 'body', name: 'locations.1', message: 'no entity has the id "atlantis"' },
      { in: 'body', name: 'locations.2', message: 'is listed twice' },
      { in: 'body', name: 'participants.0.entity', message: 'the entity "lorne-cook" was deleted' },
      { in: 'body', name: 'participants.2.entity', message: 'is listed twice with the role "host"' },
    ]);
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('refuses an end before the start and unknown fields', async () => {
    const early = await write('POST', '/v1/events', { ...SUMMIT, start: '2025-03-10', end: '2025-02' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([{ in: 'body', name: 'end', message: 'end is before start' }]);
    expect((await write('POST', '/v1/events', { ...SUMMIT, start: '2025-03-10', end: '2025-03' })).statusCode).toBe(201);
    expect((await write('POST', '/v1/events', { ...SUMMIT, venue: 'x' })).json().errors[0]).toMatchObject({ name: 'venue' });
  });
});

describe('PATCH /v1/events/{id}', () => {
  it('changes only the fields sent, replaces participants when sent, and keeps the days in step', async () => {
    const before = (await read(REPORTED)).json();
    const response = await write('PATCH', REPORTED, {
      end: '2024-10-20', participants: [{ entity: 'russian-navy', role: 'agent' }],
    }, { 'if-match': await etagOf(REPORTED) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ...before, end: '2024-10-20', participants: [{ id: 'russian-navy', name: 'Russian Navy', role: 'agent' }], version: 2,
    });
    expect(await listed('from=2024-10-19&to=2024-10-19')).toContain(before.id);
    const [revision] = (await read(`${REPORTED}/history`)).json().data;
    expect(revision).toMatchObject({ action: 'update', actor: 'desk', version: 2, before, after: response.json() });
  });

  it('answers 422 for a start after the end, 428 without If-Match, 412 when stale, changing nothing', async () => {
    const etag = await etagOf(REPORTED);
    const before = dumpTables(ctx.db);
    const late = await write('PATCH', REPORTED, { start: '2024-11' }, { 'if-match': etag });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([{ in: 'body', name: 'start', message: 'is after end' }]);
    expect((await write('PATCH', REPORTED, { locations: ['atlantis'] }, { 'if-match': etag })).json().errors[0].name).toBe('locations.0');
    expect((await write('PATCH', REPORTED, { title: 'x' })).statusCode).toBe(428);
    expect((await write('PATCH', REPORTED, { title: 'x' }, { 'if-match': '"v9"' })).statusCode).toBe(412);
    expect(dumpTables(ctx.db)).toEqual(before);
  });
});

describe('DELETE /v1/events/{id}', () => {
  it('is a 409 while claims report it', async () => {
    const before = dumpTables(ctx.db);
    const response = await write('DELETE', REPORTED, undefined, { 'if-match': await etagOf(REPORTED) });
    expect(response.statusCode).toBe(409);
    const { n } = ctx.db.prepare("SELECT count(*) AS n FROM claim_events WHERE event_id = 'nk-special-forces-shipped-to-vladivostok'").get() as { n: number };
    expect(n).toBeGreaterThan(1);
    expect(response.json().detail).toContain(`${n} claim(s) report it`);
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('answers 410 after a delete, frees its entities, and a restore brings it back with its places and participants', async () => {
    const url = (await write('POST', '/v1/events', SUMMIT)).headers.location as string;
    const before = (await read(url)).json();
    expect((await write('DELETE', url, undefined, { 'if-match': await etagOf(url) })).statusCode).toBe(204);
    expect((await read(url)).statusCode).toBe(410);
    expect(await listed('entity=pyongyang')).not.toContain(before.id);
    const admin = createKey(ctx.db, 'chief', 'admin');
    const restore = () => ctx.app.inject({ method: 'POST', url: `${url}/restore`, headers: { authorization: `Bearer ${admin}` } });
    expect((await restore()).statusCode).toBe(200);
    expect((await read(url)).json()).toEqual({ ...before, version: 2 });
    expect((await read(`${url}/history`)).json().data.map((r: { action: string }) => r.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('refuses a restore (409) once an entity it names is gone', async () => {
    const url = (await write('POST', '/v1/events', { ...SUMMIT, locations: ['lorne-cook'] })).headers.location as string;
    await write('DELETE', url, undefined, { 'if-match': '*' });
    expect((await write('DELETE', '/v1/entities/lorne-cook', undefined, { 'if-match': '*' })).statusCode).toBe(204);
    const admin = createKey(ctx.db, 'chief', 'admin');
    const before = dumpTables(ctx.db);
    const response = await ctx.app.inject({ method: 'POST', url: `${url}/restore`, headers: { authorization: `Bearer ${admin}` } });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('"lorne-cook" was deleted');
    expect(dumpTables(ctx.db)).toEqual(before);
  });
});
