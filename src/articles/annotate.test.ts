import { describe, expect, it } from 'vitest';
import { dumpTables, seededDb } from '../../test/helpers.js';
import { buildApp } from '../app.js';
import { sliceCodePoints } from '../annotations/text-position.js';
import { createKey } from '../auth/keys.js';

const ARTICLE = 'kh-2024-11-25-nk-casualties';
const url = `/v1/articles/${ARTICLE}/annotations`;

async function setup(config: { writeRateLimitMax?: number } = {}) {
  const db = seededDb();
  const app = await buildApp({ config: { logLevel: 'silent', ...config }, db });
  const keys = { editor: createKey(db, 'desk', 'editor'), reader: createKey(db, 'intern', 'reader') };
  const post = (payload: unknown, role: keyof typeof keys | null = 'editor', path = url) =>
    app.inject({ method: 'POST', url: path, payload: payload as object, headers: role ? { authorization: `Bearer ${keys[role]}` } : {} });
  return { app, db, post, keys };
}

/** A new entity, a claim about it quoting this article, and a relation to a claim already stored. */
const document = () => ({
  article: { id: ARTICLE, file: '002_49463bb52c9e9011.txt', title: 'North Korean troopers killed, wounded in Ukraine war: NIS', publisher: 'The Korea Herald' },
  entities: [{ id: 'kh1125-interpretation-officer', kind: 'person', name: 'interpretation officer', description: 'A North Korean interpretation officer, reported wounded.' }],
  claims: [{
    id: 'kh1125-rbc-interpreter-wounded', quote: 'including an interpretation officer', claimant: 'rbc-ukraine',
    text: 'An interpretation officer was among the North Korean soldiers wounded.', stance: 'asserts', certainty: 'stated',
    claimed_on: '2024-11-24', topic: 'nk-casualties', quantities: [{ value: 1, unit: 'wounded' }],
    subjects: [{ entity: 'kh1125-interpretation-officer', role: 'affected' }],
  }],
  relations: [{ from: 'kh1125-rbc-interpreter-wounded', type: 'repeats', to: 'kh1125-rbc-storm-shadow-three-wounded' }],
});
type Doc = ReturnType<typeof document> & Record<string, unknown>;

describe('POST /v1/articles/{id}/annotations', () => {
  it('adds entities, claims and relations in one go, each readable and in its history, with derived data in step', async () => {
    const { app, post } = await setup();
    const rbcBefore = (await app.inject({ url: '/v1/entities/rbc-ukraine' })).json().claim_count;
    const res = await post(document());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      article_id: ARTICLE,
      created: { entities: 1, topics: 0, events: 0, claims: 1, relations: 1, mentions: 0 },
      ids: {
        entities: ['kh1125-interpretation-officer'], topics: [], events: [], claims: ['kh1125-rbc-interpreter-wounded'],
        relations: ['kh1125-rbc-interpreter-wounded~repeats~kh1125-rbc-storm-shadow-three-wounded'],
      },
    });
    const claim = (await app.inject({ url: '/v1/claims/kh1125-rbc-interpreter-wounded' })).json();
    expect(claim).toMatchObject({
      article_id: ARTICLE, claimant: { id: 'rbc-ukraine' }, topic_id: 'nk-casualties', version: 1,
      entities: [{ id: 'kh1125-interpretation-officer', role: 'affected' }],
      relations: [{ type: 'repeats', claim_id: 'kh1125-rbc-storm-shadow-three-wounded', direction: 'outgoing' }],
    });
    const { body } = (await app.inject({ url: `/v1/articles/${ARTICLE}` })).json();
    expect(sliceCodePoints(body, claim.quote.start, claim.quote.end)).toBe('including an interpretation officer');
    const entity = (await app.inject({ url: '/v1/entities/kh1125-interpretation-officer' })).json();
    expect(entity).toMatchObject({ claim_count: 1, claims_about: 1, articles_mentioned_in: 1 });
    expect((await app.inject({ url: '/v1/entities/rbc-ukraine' })).json().claim_count).toBe(rbcBefore + 1);
    const found = (await app.inject({ url: '/v1/claims?entity=kh1125-interpretation-officer' })).json().data;
    expect(found.map((c: { id: string }) => c.id)).toEqual(['kh1125-rbc-interpreter-wounded']);
    const searched = (await app.inject({ url: '/v1/claims?q=%22interpretation%20officer%20was%20among%22' })).json().data;
    expect(searched.map((c: { id: string }) => c.id)).toEqual(['kh1125-rbc-interpreter-wounded']);
    const history = (await app.inject({ url: '/v1/claims/kh1125-rbc-interpreter-wounded/history' })).json().data;
    expect(history).toMatchObject([{ action: 'create', actor: 'desk', version: 1, before: null, after: { id: 'kh1125-rbc-interpreter-wounded' } }]);
    const entityHistory = (await app.inject({ url: '/v1/entities/kh1125-interpretation-officer/history' })).json().data;
    expect(entityHistory).toMatchObject([{ action: 'create', actor: 'desk', after: { claim_count: 1 } }]);
    const relation = (await app.inject({ url: '/v1/claims/kh1125-rbc-interpreter-wounded/relations/repeats/kh1125-rbc-storm-shadow-three-wounded/history' })).json().data;
    expect(relation).toMatchObject([{ resource: 'relations', action: 'create', actor: 'desk', after: { from: 'kh1125-rbc-interpreter-wounded', version: 1 } }]);
  });

  it('adds mention hints, found as mentions of this article at once', async () => {
    const { app, post } = await setup();
    const res = await post({ mentions: [{ entity: 'nis', text: 'the South Korean intelligence agency' }] });
    expect(res.statusCode).toBe(201);
    const { spans } = (await app.inject({ url })).json();
    expect(spans).toContainEqual(expect.objectContaining({ type: 'mention', exact: 'the South Korean intelligence agency', entity: expect.objectContaining({ id: 'nis' }) }));
  });

  it('needs an editor key, a live article, and is limited per key', async () => {
    const { app, db, post } = await setup({ writeRateLimitMax: 2 });
    const before = dumpTables(db);
    expect((await post(document(), null)).statusCode).toBe(401);
    expect((await post(document(), 'reader')).statusCode).toBe(403);
    expect((await post({ entities: [] }, 'editor', '/v1/articles/no-such-article/annotations')).statusCode).toBe(404);
    expect(dumpTables(db)).toEqual(before);
    expect((await post({}, 'editor')).statusCode).toBe(422);
    expect((await post({}, 'editor')).statusCode).toBe(429);
    await app.close();
  });

  it('answers 410 for a deleted article', async () => {
    const { app, post, keys } = await setup();
    const auth = { authorization: `Bearer ${keys.editor}` };
    const created = await app.inject({
      method: 'POST', url: '/v1/articles', headers: auth,
      payload: { title: 'A short note', publisher: 'Desk', raw_text: 'The National Intelligence Service said nothing new.' },
    });
    const { id } = created.json();
    await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: { ...auth, 'if-match': created.headers.etag as string } });
    const res = await post({ mentions: [{ entity: 'nis', text: 'nothing' }] }, 'editor', `/v1/articles/${id}/annotations`);
    expect(res.statusCode).toBe(410);
  });
});

// Each document is broken in one way; the loader's message for it comes back, naming the item, and nothing changes.
const broken: [string, (d: Doc) => unknown, { name: string; message: RegExp }][] = [
  ['a value outside the format', (d) => { d.claims[0].stance = 'hints'; }, { name: 'claims.0.stance', message: /^claims\[0\] \(id "kh1125-rbc-interpreter-wounded"\)\.stance: Invalid option/ }],
  ['an unknown field', (d) => { (d.claims[0] as Record<string, unknown>).confidence = 0.9; }, { name: 'claims.0', message: /Unrecognized key: "confidence"/ }],
  ['not an object at all', () => [], { name: '(whole)', message: /expected object/ }],
  ['a quote not in the body', (d) => { d.claims[0].quote = 'including two interpretation officers'; }, { name: 'claims.0.quote', message: /^claim "kh1125-rbc-interpreter-wounded": quote .*does not occur in the cleaned body/ }],
  ['an ambiguous quote', (d) => { d.claims[0].quote = 'North Korean soldiers'; }, { name: 'claims.0.quote', message: /occurs \d+ times in the body: add a prefix/ }],
  ['an unknown claimant', (d) => { d.claims[0].claimant = 'nobody'; }, { name: 'claims.0.claimant', message: /^claim "kh1125-rbc-interpreter-wounded": claimant: unknown id "nobody"$/ }],
  ['an unknown topic', (d) => { d.claims[0].topic = 'no-topic'; }, { name: 'claims.0.topic', message: /topic: unknown id "no-topic"/ }],
  ['an unknown event', (d) => { Object.assign(d.claims[0], { events: ['no-event'] }); }, { name: 'claims.0.events.0', message: /events: unknown id "no-event"/ }],
  ['an unknown subject', (d) => { d.claims[0].subjects[0].entity = 'no-one'; }, { name: 'claims.0.subjects.0.entity', message: /subjects: unknown id "no-one"/ }],
  ['a relation to an unknown claim', (d) => { d.relations[0].to = 'no-claim'; }, { name: 'relations.0.to', message: /unknown claim "no-claim"/ }],
  ['a relation already stored', (d) => { d.relations[0] = { from: 'kh1125-rbc-storm-shadow-500-killed', type: 'corroborates', to: 'kh1125-ukrainian-media-nk-died-storm-shadow' }; }, { name: 'relations.0', message: /already exists/ }],
  ['an id already in the database', (d) => { d.entities[0].id = 'nis'; d.claims[0].subjects[0].entity = 'nis'; }, { name: 'entities.0.id', message: /^entities id "nis" is already defined in the database$/ }],
  ['an id given twice', (d) => { d.claims.push({ ...d.claims[0] }); }, { name: 'claims.1.id', message: /claims id "kh1125-rbc-interpreter-wounded" is already defined in this document/ }],
  ['an article section for another article', (d) => { d.article.id = 'csm-2024-10-18-is-that-true'; }, { name: 'article.id', message: /this document is for article "kh-2024-11-25-nk-casualties"/ }],
  ['a hint for an unknown entity', (d) => { d.mentions = [{ entity: 'nobody', text: 'Storm Shadow' }]; }, { name: 'mentions.0.entity', message: /mention "Storm Shadow": unknown entity "nobody"/ }],
  ['a hint given twice', (d) => { d.mentions = [{ entity: 'nis', text: 'Seoul' }, { entity: 'nis', text: 'Seoul' }]; }, { name: 'mentions.1.text', message: /mention "Seoul": is given twice/ }],
  ['a hint this article already has', (d) => { d.mentions = [{ entity: 'national-assembly', text: 'lawmakers' }]; }, { name: 'mentions.0.text', message: /mention "lawmakers": is already given for this article/ }],
];

describe('POST /v1/articles/{id}/annotations with a broken document', () => {
  it.each(broken)('refuses %s with a 422 naming the item, and changes nothing', async (_, breakIt, expected) => {
    const { db, post } = await setup();
    const doc = document() as Doc;
    const body = breakIt(doc) ?? doc;
    const before = dumpTables(db);
    const res = await post(body);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('unprocessable');
    expect(res.json().errors).toContainEqual({ in: 'body', name: expected.name, message: expect.stringMatching(expected.message) });
    expect(dumpTables(db)).toEqual(before);
  });

  it('reports every problem at once', async () => {
    const { db, post } = await setup();
    const doc = document() as Doc;
    doc.claims[0].claimant = 'nobody';
    doc.claims[0].quote = 'not in this report';
    doc.relations[0].to = 'no-claim';
    const before = dumpTables(db);
    const res = await post(doc);
    expect(res.json().errors.map((e: { name: string }) => e.name).sort()).toEqual(['claims.0.claimant', 'claims.0.quote', 'relations.0.to']);
    expect(res.json().detail).toBe('The document has 3 problem(s); nothing was applied.');
    expect(dumpTables(db)).toEqual(before);
  });

  it('refuses an id a deleted item still holds', async () => {
    const { app, db, post, keys } = await setup();
    const auth = { authorization: `Bearer ${keys.editor}` };
    const topic = await app.inject({ method: 'POST', url: '/v1/topics', headers: auth, payload: { id: 'old-question', question: 'An old question?' } });
    await app.inject({ method: 'DELETE', url: '/v1/topics/old-question', headers: { ...auth, 'if-match': topic.headers.etag as string } });
    const before = dumpTables(db);
    const res = await post({ topics: [{ id: 'old-question', question: 'A new question?' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ in: 'body', name: 'topics.0.id', message: expect.stringContaining('deleted or merged item') }]);
    expect(dumpTables(db)).toEqual(before);
  });

  it('refuses to add again a relation that was deleted: restoring it keeps its history', async () => {
    const { app, db, post, keys } = await setup();
    const path = '/v1/claims/kh1125-rbc-storm-shadow-500-killed/relations/corroborates/kh1125-ukrainian-media-nk-died-storm-shadow';
    const etag = (await app.inject({ url: path })).headers.etag as string;
    const del = await app.inject({ method: 'DELETE', url: path, headers: { authorization: `Bearer ${keys.editor}`, 'if-match': etag } });
    expect(del.statusCode).toBe(204);
    const before = dumpTables(db);
    const res = await post({ relations: [{ from: 'kh1125-rbc-storm-shadow-500-killed', type: 'corroborates', to: 'kh1125-ukrainian-media-nk-died-storm-shadow' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ in: 'body', name: 'relations.0', message: expect.stringContaining('was deleted') }]);
    expect(dumpTables(db)).toEqual(before);
  });
});
