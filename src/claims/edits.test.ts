import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sliceCodePoints } from '../annotations/text-position.js';
import { createKey } from '../auth/keys.js';
import { dumpTables, useEditorApp } from '../../test/helpers.js';

const { ctx, write, read, etagOf } = useEditorApp();

type Body = Record<string, unknown>;
const json = async (url: string) => (await read(url)).json();
const ids = async (url: string) => (await json(url)).data.map((c: { id: string }) => c.id) as string[];
const counts = (id: string) => ctx.db.prepare('SELECT claim_count, claims_made, claims_about FROM entities WHERE id = ?').get(id);
const fieldNames = (response: { json(): { errors?: { name: string }[] } }) => response.json().errors?.map((e) => e.name);

const ARTICLE = 'jad-2024-11-20-nk-troops-in-combat';
const SINGH = 'jad1120-singh-us-views-nk-cobelligerent';
const NIS_11000 = 'jad1120-nis-11000-troops-to-kursk-late-october';
const NEW: Body = {
  article_id: ARTICLE,
  quote: 'Singh also said the United States views North Korea as cobelligerents with Russia.',
  claimant: 'sabrina-singh', via: [], text: 'The Pentagon counts North Korea among the cobelligerents of Russia.',
  stance: 'asserts', certainty: 'stated', claimed_on: '2024-11-19',
  quantities: [{ value: 1, unit: 'countries' }],
  subjects: [{ entity: 'north-korea', role: 'agent' }, { entity: 'russia', role: 'recipient' }],
  events: ['pentagon-briefing-2024-11-19'], topic: null,
};
const bodyOf = (id: string) => (ctx.db.prepare('SELECT body FROM articles WHERE id = ?').get(id) as { body: string }).body;

describe('POST /v1/claims', () => {
  it('needs an ctx.editor key: 401 without one, 403 with a reader key', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/claims', payload: NEW })).statusCode).toBe(401);
    const reader = createKey(ctx.db, 'intern', 'reader');
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/claims', payload: NEW, headers: { authorization: `Bearer ${reader}` } });
    expect(response.statusCode).toBe(403);
  });

  it('finds the quote in the body, stores the claim whole, and it is listed, searched and counted', async () => {
    const before = { singh: counts('sabrina-singh'), nk: counts('north-korea') };
    const response = await write('POST', '/v1/claims', NEW);
    expect(response.statusCode).toBe(201);
    const id = 'the-pentagon-counts-north-korea-among-the-cobelligerents-of';
    expect(response.headers.location).toBe(`/v1/claims/${id}`);
    expect(response.headers.etag).toMatch(/^"v1\./);
    const created = response.json();
    expect(await json(`/v1/claims/${id}`)).toEqual(created);
    expect(created).toMatchObject({
      id, version: 1, claimant: { id: 'sabrina-singh', kind: 'person' }, topic_id: null, relations: [],
      event_ids: ['pentagon-briefing-2024-11-19'],
      quantities: [{ value: 1, min: null, max: null, unit: 'countries', approximate: false }],
      entities: [{ id: 'north-korea', role: 'agent' }, { id: 'russia', role: 'recipient' }],
    });
    expect(sliceCodePoints(bodyOf(ARTICLE), created.quote.start, created.quote.end)).toBe(NEW.quote);
    expect(created.quote.prefix).toHaveLength(32);

    expect(await ids('/v1/claims?entity=north-korea&limit=200')).toContain(id);
    expect(await ids('/v1/claims?claimant=sabrina-singh')).toContain(id);
    expect(await ids('/v1/claims?event=pentagon-briefing-2024-11-19')).toContain(id);
    expect(await ids('/v1/search?q=cobelligerents%20pentagon&type=claim')).toContain(id);
    expect(counts('sabrina-singh')).toEqual({ ...before.singh as object, claim_count: 4, claims_made: 4 });
    expect(counts('north-korea')).toMatchObject({ claim_count: (before.nk as { claim_count: number }).claim_count + 1 });
    expect((await json('/v1/entities/sabrina-singh')).claim_count).toBe(4);

    const history = (await json(`/v1/claims/${id}/history`)).data;
    expect(history).toMatchObject([{ resource: 'claims', action: 'create', actor: 'desk', version: 1, before: null, after: created }]);
  });

  it('accepts the documented example as it stands', async () => {
    const { claimCreateSchema } = await import('./schema.js');
    const example = z.globalRegistry.get(claimCreateSchema)?.example as Body;
    expect((await write('POST', '/v1/claims', example)).statusCode).toBe(201);
  });

  it('makes a taken id unique and refuses a given id that is taken (409)', async () => {
    const id = 'the-pentagon-counts-north-korea-among-the-cobelligerents-of';
    expect((await write('POST', '/v1/claims', NEW)).json().id).toBe(id);
    expect((await write('POST', '/v1/claims', NEW)).json().id).toBe(`${id}-2`);
    const taken = await write('POST', '/v1/claims', { ...NEW, id: SINGH });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'conflict', existing_id: SINGH });
  });

  it('checks given offsets instead of searching, and says which one is wrong', async () => {
    const at = Array.from(bodyOf(ARTICLE)).join('').indexOf(NEW.quote as string);
    const start = Array.from(bodyOf(ARTICLE).slice(0, at)).length;
    const end = start + Array.from(NEW.quote as string).length;
    const right = await write('POST', '/v1/claims', { ...NEW, quote_start: start, quote_end: end });
    expect(right.statusCode).toBe(201);
    expect(right.json().quote).toMatchObject({ start, end });

    const before = dumpTables(ctx.db);
    const shifted = await write('POST', '/v1/claims', { ...NEW, quote_start: start + 1, quote_end: end + 1 });
    expect(shifted.statusCode).toBe(422);
    expect(fieldNames(shifted)).toEqual(['quote_start']);
    expect(shifted.json().detail).toMatch(/reads ".*", not the quote/);
    const past = await write('POST', '/v1/claims', { ...NEW, quote_start: 1_000_000, quote_end: 1_000_100 });
    expect(fieldNames(past)).toEqual(['quote_end']);
    expect(dumpTables(ctx.db)).toEqual(before);
    const half = await write('POST', '/v1/claims', { ...NEW, quote_start: start });
    expect(half.statusCode).toBe(400);
    expect(fieldNames(half)).toEqual(['quote_end']);
  });

  it('refuses a quote that is not in the body, or is there twice without a prefix (422 naming quote)', async () => {
    const before = dumpTables(ctx.db);
    const absent = await write('POST', '/v1/claims', { ...NEW, quote: 'North Korea denies sending any troops.' });
    expect(absent.statusCode).toBe(422);
    expect(fieldNames(absent)).toEqual(['quote']);
    expect(absent.json().detail).toContain('does not occur in the cleaned body');
    const ambiguous = await write('POST', '/v1/claims', { ...NEW, quote: 'NIS officials' });
    expect(ambiguous.statusCode).toBe(422);
    expect(fieldNames(ambiguous)).toEqual(['quote']);
    expect(ambiguous.json().detail).toMatch(/occurs \d+ times in the body: add a prefix/);
    expect(dumpTables(ctx.db)).toEqual(before);
    const picked = await write('POST', '/v1/claims', { ...NEW, quote: 'NIS officials', prefix: 'Wednesday that some' });
    expect(picked.statusCode).toBe(422);
    const withPrefix = await write('POST', '/v1/claims', { ...NEW, quote: 'NIS officials', prefix: '\n\nThe ' });
    expect(withPrefix.statusCode).toBe(201);
    expect(withPrefix.json().quote.prefix.endsWith('\n\nThe ')).toBe(true);
  });

  it('names every unknown reference by its path, and stores nothing (422)', async () => {
    const before = dumpTables(ctx.db);
    const response = await write('POST', '/v1/claims', {
      ...NEW, article_id: 'no-such-article', claimant: 'no-such-person', via: ['nis', 'no-such-aide'],
      subjects: [{ entity: 'russia', role: 'agent' }, { entity: 'atlantis', role: 'location' }],
      events: ['no-such-event'], topic: 'no-such-topic',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'unprocessable' });
    expect(fieldNames(response)).toEqual(['article_id', 'claimant', 'via.1', 'subjects.1.entity', 'events.0', 'topic']);
    expect(response.json().errors[3].message).toBe('there is no entity "atlantis"');
    expect(dumpTables(ctx.db)).toEqual(before);
    for (const [field, value, name] of [['claimant', 'nobody', 'claimant'], ['topic', 'nothing', 'topic'], ['events', ['x'], 'events.0']] as const) {
      expect(fieldNames(await write('POST', '/v1/claims', { ...NEW, [field]: value }))).toEqual([name]);
    }
  });

  it('refuses unknown fields and a repeated subject', async () => {
    const unknown = await write('POST', '/v1/claims', { ...NEW, claimant_id: 'nis' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldNames(unknown)).toEqual(['claimant_id']);
    const twice = await write('POST', '/v1/claims', { ...NEW, subjects: [{ entity: 'russia', role: 'agent' }, { entity: 'russia', role: 'agent' }] });
    expect(twice.statusCode).toBe(422);
    expect(fieldNames(twice)).toEqual(['subjects.1']);
  });

  it('changes nothing when the write fails half-way (after the claim row is in)', async () => {
    ctx.db.exec("CREATE TEMP TRIGGER fail_figures BEFORE INSERT ON claim_quantities BEGIN SELECT RAISE(ABORT, 'forced'); END");
    const before = dumpTables(ctx.db);
    expect((await write('POST', '/v1/claims', NEW)).statusCode).toBe(500);
    expect(dumpTables(ctx.db)).toEqual(before);
  });
});

describe('PATCH /v1/claims/{id}', () => {
  it("moves a claim to another claimant: the lists, entity_claims and both claimants' counts follow", async () => {
    const [singh, nis] = [counts('sabrina-singh') as Body, counts('nis') as Body];
    const url = `/v1/claims/${SINGH}`;
    const missingIfMatch = await write('PATCH', url, { claimant: 'nis' });
    expect(missingIfMatch.statusCode).toBe(428);
    const response = await write('PATCH', url, { claimant: 'nis' }, { 'if-match': await etagOf(url) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ version: 2, claimant: { id: 'nis' } });
    expect(response.headers.etag).toMatch(/^"v2\./);
    expect(await ids('/v1/claims?claimant=sabrina-singh')).not.toContain(SINGH);
    expect(await ids('/v1/claims?entity=sabrina-singh')).not.toContain(SINGH);
    expect(await ids('/v1/claims?entity=nis&limit=200')).toContain(SINGH);
    expect(counts('sabrina-singh')).toEqual({ ...singh, claim_count: (singh.claim_count as number) - 1, claims_made: (singh.claims_made as number) - 1 });
    expect(counts('nis')).toEqual({ ...nis, claim_count: (nis.claim_count as number) + 1, claims_made: (nis.claims_made as number) + 1 });
    const [update] = (await json(`${url}/history`)).data;
    expect(update).toMatchObject({ action: 'update', actor: 'desk', version: 2, before: { claimant: { id: 'sabrina-singh' } }, after: { claimant: { id: 'nis' } } });
  });

  it('answers 412 with the current version to a stale If-Match, and changes nothing', async () => {
    const url = `/v1/claims/${SINGH}`;
    const stale = await etagOf(url);
    await write('PATCH', url, { certainty: 'possible' }, { 'if-match': stale });
    const before = dumpTables(ctx.db);
    const response = await write('PATCH', url, { stance: 'denies' }, { 'if-match': stale });
    expect(response.statusCode).toBe(412);
    expect(response.json()).toMatchObject({ code: 'precondition_failed', current_version: 2 });
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('keeps every field it is not sent, children included', async () => {
    const url = `/v1/claims/${NIS_11000}`;
    const before = await json(url);
    const response = await write('PATCH', url, { stance: 'cannot_confirm' }, { 'if-match': '*' });
    expect(response.json()).toEqual({ ...before, stance: 'cannot_confirm', version: 2 });
  });

  it('replaces children that are sent, and re-dates entity_claims with claimed_on', async () => {
    const url = `/v1/claims/${NIS_11000}`;
    const response = await write('PATCH', url, { via: [], subjects: [{ entity: 'kursk-region', role: 'location' }], quantities: [], claimed_on: '2024-12' }, { 'if-match': '*' });
    expect(response.json()).toMatchObject({ via: [], entities: [{ id: 'kursk-region', role: 'location' }], quantities: [], claimed_on: '2024-12' });
    expect(await ids('/v1/claims?entity=lee-seong-kweun')).not.toContain(NIS_11000);
    expect(await ids('/v1/claims?entity=kursk-region&from=2024-12&to=2024-12')).toContain(NIS_11000);
    expect(ctx.db.prepare('SELECT DISTINCT claimed_from FROM entity_claims WHERE claim_id = ?').pluck().all(NIS_11000)).toEqual(['2024-12-01']);
  });

  it('places a changed quote again, and search follows the new words', async () => {
    const url = `/v1/claims/${NIS_11000}`;
    const quote = 'approximately 11,000 North Korean soldiers were transferred to the Kursk region';
    const response = await write('PATCH', url, { quote }, { 'if-match': '*' });
    expect(response.statusCode).toBe(200);
    const { quote: placed } = response.json();
    expect(placed.exact).toBe(quote);
    expect(sliceCodePoints(bodyOf(ARTICLE), placed.start, placed.end)).toBe(quote);
    expect(await ids('/v1/claims?q=%22western%20russia%22&limit=200')).not.toContain(NIS_11000);

    const before = dumpTables(ctx.db);
    const ambiguous = await write('PATCH', url, { quote: 'North Korean soldiers' }, { 'if-match': '*' });
    expect(ambiguous.statusCode).toBe(422);
    expect(fieldNames(ambiguous)).toEqual(['quote']);
    const unknown = await write('PATCH', url, { subjects: [{ entity: 'nowhere', role: 'location' }] }, { 'if-match': '*' });
    expect(fieldNames(unknown)).toEqual(['subjects.0.entity']);
    expect(dumpTables(ctx.db)).toEqual(before);
  });

  it('refuses an empty or unknown-field body (400)', async () => {
    const url = `/v1/claims/${SINGH}`;
    expect((await write('PATCH', url, {}, { 'if-match': '*' })).statusCode).toBe(400);
    expect(fieldNames(await write('PATCH', url, { id: 'new-id' }, { 'if-match': '*' }))).toContain('id');
  });
});

describe('DELETE and restore /v1/claims/{id}', () => {
  it('deletes a claim with its relations (410, counts down), and restore brings all of it back', async () => {
    const admin = createKey(ctx.db, 'chief', 'admin');
    const url = `/v1/claims/${NIS_11000}`;
    const shown = await json(url);
    const tables = dumpTables(ctx.db);
    expect(shown.relations).toHaveLength(4);
    const nis = counts('nis') as Body;

    expect((await write('DELETE', url)).statusCode).toBe(428);
    const deleted = await write('DELETE', url, undefined, { 'if-match': await etagOf(url) });
    expect(deleted.statusCode).toBe(204);
    const gone = await read(url);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().detail).toContain('/v1/claims/jad1120-nis-11000-troops-to-kursk-late-october/history');
    expect(await ids('/v1/claims?entity=nis&limit=200')).not.toContain(NIS_11000);
    expect(await ids('/v1/search?q=transferred%20kursk&type=claim')).not.toContain(NIS_11000);
    expect(counts('nis')).toMatchObject({ claim_count: (nis.claim_count as number) - 1, claims_made: (nis.claims_made as number) - 1 });
    expect((await json('/v1/claims/kh1125-nis-10900-troops-due')).relations.map((r: { claim_id: string }) => r.claim_id)).not.toContain(NIS_11000);
    const history = (await json(`${url}/history`)).data;
    expect(history).toHaveLength(1);
    const [removal] = history;
    expect(removal).toMatchObject({ action: 'delete', actor: 'desk', after: null, before: { id: NIS_11000 } });
    expect(removal.before.relations).toContainEqual({
      type: 'contradicts', claim_id: 'jad2502-first-troops-to-kursk-november', direction: 'incoming',
      note: 'The NIS put the move in late October; the later report puts it in November.', version: 1,
    });

    expect((await write('POST', `${url}/restore`)).statusCode).toBe(403);
    const restored = await ctx.app.inject({ method: 'POST', url: `${url}/restore`, headers: { authorization: `Bearer ${admin}` } });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toEqual({ ...shown, version: 2 });
    expect(await json(url)).toEqual({ ...shown, version: 2 });
    expect(counts('nis')).toEqual(nis);
    expect(await ids('/v1/search?q=transferred%20kursk&type=claim')).toContain(NIS_11000);
    const revisionsAndVersion = ({ revisions, claims, ...rest }: Record<string, unknown[]>) =>
      ({ ...rest, claims: claims.map((c) => ({ ...(c as Body), version: 0 })) });
    expect(revisionsAndVersion(dumpTables(ctx.db))).toEqual(revisionsAndVersion(tables));
  });

  it('restores only the relations whose other claim is still there', async () => {
    const admin = createKey(ctx.db, 'chief', 'admin');
    const other = 'kh1125-nis-10900-troops-due';
    await write('DELETE', `/v1/claims/${NIS_11000}`, undefined, { 'if-match': '*' });
    await write('DELETE', `/v1/claims/${other}`, undefined, { 'if-match': '*' });
    const restored = await ctx.app.inject({ method: 'POST', url: `/v1/claims/${NIS_11000}/restore`, headers: { authorization: `Bearer ${admin}` } });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().relations.map((r: { claim_id: string }) => r.claim_id)).toEqual([
      'jad2502-first-troops-to-kursk-november', 'jad1120-officials-nk-troops-deployed-to-kursk', 'jad2502-ukr-intel-11000-first-dispatch',
    ]);
  });

  it('will not restore a claim whose topic has gone meanwhile (409 naming it), and changes nothing', async () => {
    const admin = createKey(ctx.db, 'chief', 'admin');
    const topic = (await write('POST', '/v1/topics', { question: 'Is North Korea a cobelligerent?' })).json();
    const claim = (await write('POST', '/v1/claims', { ...NEW, topic: topic.id })).json();
    await write('DELETE', `/v1/claims/${claim.id}`, undefined, { 'if-match': '*' });
    expect((await write('DELETE', `/v1/topics/${topic.id}`, undefined, { 'if-match': '*' })).statusCode).toBe(204);
    const before = dumpTables(ctx.db);
    const restored = await ctx.app.inject({ method: 'POST', url: `/v1/claims/${claim.id}/restore`, headers: { authorization: `Bearer ${admin}` } });
    expect(restored.statusCode).toBe(409);
    expect(restored.json().detail).toContain(`topic: there is no topic "${topic.id}"`);
    expect(dumpTables(ctx.db)).toEqual(before);
  });
});
