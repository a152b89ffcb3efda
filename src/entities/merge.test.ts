import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { recomputeMentions, reindexClaims } from '../annotations/derived.js';
import { createKey } from '../auth/keys.js';
import type { Db } from '../db/client.js';
import { historyOf } from '../editing/revisions.js';
import { dumpTables, seededApp } from '../../test/helpers.js';

let app: FastifyInstance;
let db: Db;
let editor: string;

const SURVIVOR = 'volodymyr-zelenskyy';
const DUP = 'zelensky-dup';
const KH = 'kh-2024-10-18-nk-sends-troops';
const JAD = 'jad-2025-02-nk-more-troops';
const CLAIMED = 'jad2502-nis-up-to-3000-more-troops';
const VIA_AFTER = 'jad2502-sources-1000-to-3000-newly-deployed';
const VIA_TWICE = 'jad2502-source-new-unit-types-second-wave';
const SUBJECT = 'jad2502-source-announcement-days-after-resumption';
const ANNOUNCEMENT = 'zelenskyy-announcement-2025-02-07';

type Body = Record<string, unknown>;
const write = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Body, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload, headers: { authorization: `Bearer ${editor}`, ...headers } });
const read = (url: string) => app.inject({ url });
const etagOf = async (url: string) => (await read(url)).headers.etag as string;
const merge = async (id: string, into: string, ifMatch?: string) =>
  write('POST', `/v1/entities/${id}/merge`, { into }, { 'if-match': ifMatch ?? await etagOf(`/v1/entities/${id}`) });
const mentions = async (articleId: string, entityId: string) =>
  ((await read(`/v1/articles/${articleId}/annotations`)).json().spans as { type: string; exact: string; start: number; entity?: { id: string } }[])
    .filter((s) => s.type === 'mention' && s.entity?.id === entityId).map((s) => `${s.start}:${s.exact}`);
const rows = (sql: string) => db.prepare(sql).all();

/**
 * A duplicate of Zelenskyy as a desk might create it by mistake, then use: claimant of one claim,
 * in two via chains (once where the survivor is already), a subject twice (once in the survivor's
 * role), an event participant and location, and a mention hint.
 */
async function createDuplicate(): Promise<string> {
  const created = await write('POST', '/v1/entities', {
    kind: 'person', name: 'Zelensky (dup)', aliases: ['Ukrainian President Volodymyr Zelensky', 'Zelensky'], description: 'Duplicate.',
  });
  expect(created.headers.location).toBe(`/v1/entities/${DUP}`);
  db.prepare('UPDATE claims SET claimant_id = ? WHERE id = ?').run(DUP, CLAIMED);
  db.prepare('INSERT INTO claim_via (claim_id, position, entity_id) VALUES (?, 1, ?)').run(VIA_AFTER, DUP);
  db.prepare('UPDATE claim_via SET position = 1 WHERE claim_id = ?').run(VIA_TWICE);
  db.prepare('INSERT INTO claim_via (claim_id, position, entity_id) VALUES (?, 0, ?), (?, 2, ?)').run(VIA_TWICE, SURVIVOR, VIA_TWICE, DUP);
  db.prepare(`INSERT INTO claim_entities (claim_id, entity_id, role, position) VALUES (?, ?, 'subject', 2), (?, ?, 'agent', 3)`)
    .run(SUBJECT, DUP, SUBJECT, DUP);
  reindexClaims(db, [CLAIMED, VIA_AFTER, VIA_TWICE, SUBJECT]);
  db.prepare(`INSERT INTO mention_hints (article_id, entity_id, text) VALUES (?, ?, 'Ukrainian President')`).run(KH, DUP);
  recomputeMentions(db, [KH]);
  const event = await write('POST', '/v1/events', {
    kind: 'visit', title: 'Zelensky (dup) visits', start: '2025-02', participants: [{ entity: DUP, role: 'agent' }], locations: [DUP, 'ukraine'],
  });
  expect(event.statusCode).toBe(201);
  const url = `/v1/events/${ANNOUNCEMENT}`;
  const patched = await write('PATCH', url, {
    participants: [{ entity: SURVIVOR, role: 'agent' }, { entity: DUP, role: 'agent' }, { entity: DUP, role: 'attendee' }],
  }, { 'if-match': await etagOf(url) });
  expect(patched.statusCode).toBe(200);
  return event.json().id;
}

beforeEach(async () => {
  ({ app, db } = await seededApp());
  editor = createKey(db, 'desk', 'editor');
  return () => app.close();
});

describe('POST /v1/entities/{id}/merge', () => {
  it('moves names, claims, events, mentions and hints to the survivor, in one change with revisions', async () => {
    const eventId = await createDuplicate();
    const dupBefore = (await read(`/v1/entities/${DUP}`)).json();
    const survivorBefore = (await read(`/v1/entities/${SURVIVOR}`)).json();
    expect(dupBefore).toMatchObject({ claims_made: 1, claims_about: 1, claim_count: 4, articles_mentioned_in: 2 });
    expect(await mentions(JAD, DUP)).toHaveLength(2);
    const claimsBefore = (await read(`/v1/claims/${VIA_TWICE}`)).json();

    const response = await merge(DUP, SURVIVOR);
    expect(response.statusCode).toBe(200);
    const survivor = response.json();
    expect(survivor.aliases).toEqual([...survivorBefore.aliases, 'Zelensky (dup)', 'Ukrainian President Volodymyr Zelensky']);
    expect(survivor).toMatchObject({ version: 2, claims_made: 11, claims_about: 1, claim_count: 14, articles_mentioned_in: 3 });
    expect((await read(`/v1/entities/${SURVIVOR}`)).json()).toEqual(survivor);

    const gone = await read(`/v1/entities/${DUP}`);
    expect(gone.statusCode).toBe(308);
    expect(gone.headers.location).toBe(`/v1/entities/${SURVIVOR}`);
    expect((await read(`/v1/entities?q=dup`)).json().data.map((e: { id: string }) => e.id)).toEqual([SURVIVOR]);

    const claim = async (id: string) => (await read(`/v1/claims/${id}`)).json();
    expect((await claim(CLAIMED)).claimant.id).toBe(SURVIVOR);
    expect((await claim(VIA_AFTER)).via.map((v: { id: string }) => v.id)).toEqual(['joongang-ilbo', SURVIVOR]);
    expect((await claim(VIA_TWICE)).via.map((v: { id: string }) => v.id)).toEqual([SURVIVOR, 'joongang-ilbo']);
    expect((await claim(SUBJECT)).entities.map((s: { id: string; role: string }) => `${s.id}:${s.role}`))
      .toEqual(['nk-forces-in-russia:subject', `${SURVIVOR}:subject`, `${SURVIVOR}:agent`]);
    const event = async (id: string) => (await read(`/v1/events/${id}`)).json();
    expect((await event(eventId)).locations.map((l: { id: string }) => l.id)).toEqual([SURVIVOR, 'ukraine']);
    expect((await event(ANNOUNCEMENT)).participants.map((p: { id: string; role: string }) => `${p.id}:${p.role}`))
      .toEqual([`${SURVIVOR}:agent`, `${SURVIVOR}:attendee`]);

    expect(await mentions(JAD, SURVIVOR)).toEqual(expect.arrayContaining([expect.stringMatching(/:Ukrainian President Volodymyr Zelensky$/)]));
    expect(await mentions(KH, SURVIVOR)).toEqual(expect.arrayContaining([expect.stringMatching(/:Ukrainian President$/)]));
    for (const table of ['mentions', 'mention_hints', 'entity_claims', 'claim_via', 'claim_entities', 'event_participants', 'event_locations']) {
      expect(rows(`SELECT * FROM ${table} WHERE entity_id = '${DUP}'`), table).toEqual([]);
    }

    const [mergeRevision] = historyOf(db, 'entities', DUP).slice(-1);
    expect(mergeRevision).toMatchObject({ action: 'merge', actor: 'desk', before: dupBefore, after: { merged_into: SURVIVOR } });
    expect((await read(`/v1/entities/${DUP}/history`)).json().data.at(-1).action).toBe('merge');
    expect(historyOf(db, 'entities', SURVIVOR)).toMatchObject([{ action: 'update', version: 2, before: survivorBefore, after: survivor }]);
    const claimRevision = historyOf(db, 'claims', VIA_TWICE).at(-1)!;
    expect(claimRevision).toMatchObject({ action: 'update', actor: 'desk', version: 2 });
    expect((claimRevision.before as { via: unknown }).via).toEqual(claimsBefore.via);
    for (const id of [CLAIMED, VIA_AFTER, SUBJECT]) expect(historyOf(db, 'claims', id)).toHaveLength(1);
    expect(historyOf(db, 'events', eventId).at(-1)).toMatchObject({ action: 'update', version: 2 });
    expect((await event(ANNOUNCEMENT)).version).toBe(3);
    expect(rows('SELECT version FROM claims WHERE id = \'jad2502-astra-photo-presumed-nk-soldiers\'')).toEqual([{ version: 1 }]);
  });

  it('changes nothing when it fails half-way', async () => {
    await createDuplicate();
    // The last step (removing the merged entity) fails: every move before it must be undone.
    db.exec(`CREATE TRIGGER fail_merge BEFORE DELETE ON entities WHEN old.id = '${DUP}' BEGIN SELECT RAISE(ABORT, 'forced'); END`);
    const before = dumpTables(db);
    expect((await merge(DUP, SURVIVOR)).statusCode).toBe(500);
    expect(dumpTables(db)).toEqual(before);
    expect((await read(`/v1/entities/${DUP}`)).statusCode).toBe(200);
  });

  it('refuses a merge into itself, an unknown or a deleted entity, with a 422 on `into`', async () => {
    const deleted = await write('DELETE', '/v1/entities/lorne-cook', undefined, { 'if-match': '*' });
    expect(deleted.statusCode).toBe(204);
    const before = dumpTables(db);
    for (const [into, message] of [['nis', /itself/], ['no-such-entity', /no entity has the id/], ['lorne-cook', /was deleted/]] as const) {
      const response = await merge('nis', into);
      expect(response.statusCode, into).toBe(422);
      expect(response.json().errors).toEqual([{ in: 'body', name: 'into', message: expect.stringMatching(message) }]);
    }
    expect((await write('POST', '/v1/entities/nis/merge', { into: 'kcna', also: 1 }, { 'if-match': '*' })).statusCode).toBe(400);
    expect(dumpTables(db)).toEqual(before);
  });

  it('answers 404 for an unknown entity, 410 for a deleted or merged one, and 422 for a merged survivor', async () => {
    expect((await merge('no-such-entity', 'nis', '*')).statusCode).toBe(404);
    await write('DELETE', '/v1/entities/lorne-cook', undefined, { 'if-match': '*' });
    expect((await merge('lorne-cook', 'nis', '*')).statusCode).toBe(410);
    expect((await merge('seoul', 'nis')).statusCode).toBe(200);
    const again = await merge('seoul', 'nis', '*');
    expect(again.statusCode).toBe(410);
    expect(again.json().location).toBe('/v1/entities/nis');
    const intoMerged = await merge('yonhap', 'seoul');
    expect(intoMerged.json().errors[0].message).toMatch(/was itself merged into "nis"/);
  });

  it('needs an editor key and a current If-Match', async () => {
    const url = '/v1/entities/seoul/merge';
    expect((await app.inject({ method: 'POST', url, payload: { into: 'nis' } })).statusCode).toBe(401);
    const reader = createKey(db, 'intern', 'reader');
    expect((await app.inject({ method: 'POST', url, payload: { into: 'nis' }, headers: { authorization: `Bearer ${reader}` } })).statusCode).toBe(403);
    expect((await write('POST', url, { into: 'nis' })).statusCode).toBe(428);
    const stale = await merge('seoul', 'nis', '"v7.x"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current_version).toBe(1);
  });

  it('cannot be undone by restore, and the merged id stays taken', async () => {
    await merge('seoul', 'nis');
    const admin = createKey(db, 'chief', 'admin');
    const restore = await app.inject({ method: 'POST', url: '/v1/entities/seoul/restore', headers: { authorization: `Bearer ${admin}` } });
    expect(restore.statusCode).toBe(409);
    const recreate = await write('POST', '/v1/entities', { id: 'seoul', kind: 'location', name: 'Seoul', description: 'Capital.' });
    expect(recreate.statusCode).toBe(409);
  });
});
