// The benchmark's synthetic archive (npm run bench:data): the same seed gives the same rows, the
// data keeps the seed corpus's invariants, and the bulk load writes exactly what storeCorpus writes.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanBody } from '../src/articles/clean.js';
import { findMentions } from '../src/annotations/mentions.js';
import { resolveCorpus, type Corpus } from '../src/annotations/resolve.js';
import { bulkRows, bulkStoreCorpus, bulkStoreRows, storeCorpus } from '../src/annotations/store.js';
import { anchorAt, sliceCodePoints } from '../src/annotations/text-position.js';
import { buildApp } from '../src/app.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { COMMON_WORD, syntheticCorpus } from '../bench/synthetic.js';
import { syntheticRowsInWorker } from '../bench/synthetic-worker.js';
import { dumpTables, freshDb, seedCorpus } from './helpers.js';
import { useProcesses } from './processes.js';

const CLAIMS = 2000;

function synthetic(seed: number): Db {
  const db = freshDb();
  bulkStoreCorpus(db, syntheticCorpus({ claims: CLAIMS, seed, batchClaims: 300 }));
  return db;
}

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

describe('the synthetic corpus', () => {
  let db: Db;
  beforeAll(() => {
    db = synthetic(7);
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(dumpTables(synthetic(7))).toEqual(dumpTables(db));
    expect(dumpTables(synthetic(8)).claims).not.toEqual(dumpTables(db).claims);
  });

  it('has the shape of an archive: ~5 claims per article, 50 topics, events and relations in proportion', () => {
    expect(count(db, 'SELECT count(*) FROM claims')).toBe(CLAIMS);
    expect(count(db, 'SELECT count(*) FROM articles')).toBeGreaterThan(CLAIMS / 7);
    expect(count(db, 'SELECT count(*) FROM articles')).toBeLessThan(CLAIMS / 4);
    expect(count(db, 'SELECT count(*) FROM topics')).toBe(50);
    expect(count(db, 'SELECT count(*) FROM events')).toBe(CLAIMS / 50);
    expect(count(db, 'SELECT count(*) FROM claim_relations')).toBeGreaterThan(CLAIMS / 40);
    expect(count(db, 'SELECT count(*) FROM claim_quantities q JOIN claims c ON c.id = q.claim_id WHERE c.topic_id IS NOT NULL')).toBeGreaterThan(CLAIMS / 8);
    expect(count(db, 'SELECT count(*) FROM claim_via')).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) FROM claim_events')).toBeGreaterThan(0);
    expect(all(db, 'SELECT DISTINCT length(claimed_on) AS n FROM claims ORDER BY n')).toEqual([{ n: 7 }, { n: 10 }]);
    expect(count(db, `SELECT count(DISTINCT substr(claimed_from, 1, 4)) FROM claims`)).toBeGreaterThanOrEqual(5);
  });

  it('has a hot entity taking part in about a tenth of all claims, and a long tail', () => {
    const counts = all<{ n: number }>(db, 'SELECT count(*) AS n FROM entity_claims GROUP BY entity_id ORDER BY n DESC').map((r) => r.n);
    expect(counts[0] / CLAIMS).toBeGreaterThan(0.07);
    expect(counts[0] / CLAIMS).toBeLessThan(0.14);
    expect(counts[10]).toBeLessThan(counts[0] / 4);
    expect(counts[counts.length >> 1]).toBeLessThan(counts[0] / 10);
  });

  it('quotes its article bodies at real code-point offsets, with the anchors the loader would make', () => {
    const claims = all<{ id: string; body: string; quote_exact: string; quote_prefix: string; quote_suffix: string; quote_start: number; quote_end: number }>(
      db, 'SELECT c.*, a.body FROM claims c JOIN articles a ON a.id = c.article_id');
    for (const c of claims) {
      expect(sliceCodePoints(c.body, c.quote_start, c.quote_end), c.id).toBe(c.quote_exact);
      const at = c.body.indexOf(c.quote_prefix + c.quote_exact + c.quote_suffix) + c.quote_prefix.length;
      expect(anchorAt(c.body, at, c.quote_exact.length), c.id).toEqual({
        exact: c.quote_exact, prefix: c.quote_prefix, suffix: c.quote_suffix, start: c.quote_start, end: c.quote_end,
      });
    }
    // Some names have letters beyond ASCII ("Søren"), so code points and UTF-8 bytes part ways.
    expect(count(db, 'SELECT count(*) FROM articles WHERE length(CAST(body AS BLOB)) > length(body)')).toBeGreaterThan(0);
  });

  it('has exactly the mentions findMentions finds, and bodies that cleaning leaves as they are', () => {
    const entities = all<{ id: string; kind: string; name: string; aliases: string }>(db, 'SELECT id, kind, name, aliases FROM entities')
      .map((e) => ({ ...e, aliases: JSON.parse(e.aliases) as string[], description: '', wikidata_id: null, kind: e.kind as 'person' }));
    const articles = all<{ id: string; title: string; publisher: string; authors: string; raw_text: string; body: string }>(db, 'SELECT * FROM articles');
    for (const a of articles) {
      const stored = all(db, `SELECT article_id AS articleId, entity_id AS entityId, start, "end", text FROM mentions
        WHERE article_id = ? ORDER BY start`, a.id);
      expect(stored, a.id).toEqual(findMentions(a.id, a.body, entities, []));
      expect(cleanBody(a.raw_text, { title: a.title, publisher: a.publisher, authors: JSON.parse(a.authors) as string[] }), a.id).toBe(a.body);
    }
  });

  it('passes the seed loader: resolving it as annotation files gives back the same corpus', () => {
    const batches = [...syntheticCorpus({ claims: CLAIMS, seed: 7 })];
    const merged: Corpus = {
      articles: batches.flatMap((b) => b.articles), entities: batches.flatMap((b) => b.entities), topics: batches.flatMap((b) => b.topics),
      events: batches.flatMap((b) => b.events), claims: batches.flatMap((b) => b.claims), relations: batches.flatMap((b) => b.relations),
      mentions: batches.flatMap((b) => b.mentions),
    };
    const files = [
      { name: 'catalog', data: { entities: merged.entities, topics: merged.topics, events: merged.events, relations: merged.relations } },
      ...merged.articles.map(({ rawText: _, body: __, hints, ...article }) => ({
        name: article.id, data: {
          article, mentions: hints,
          claims: merged.claims.filter((c) => c.articleId === article.id).map(({ articleId: _a, anchor, ...claim }) => ({ ...claim, prefix: anchor.prefix })),
        },
      })),
    ];
    const raw = new Map(merged.articles.map((a) => [a.file, a.rawText]));
    const resolved = resolveCorpus(files, (file) => raw.get(file));
    expect(resolved.claims.map(({ prefix: _, ...claim }) => claim)).toEqual(merged.claims);
    expect({ ...resolved, claims: [] }).toEqual({ ...merged, claims: [] });
  });

  it('keeps every reference, and full-text search finds the common word in almost every claim', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(count(db, 'SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?', COMMON_WORD)).toBeGreaterThan(CLAIMS * 0.95);
    expect(count(db, 'SELECT count(*) FROM claims')).toBe(CLAIMS);
  });

  it('is served by the API: the hot entity, full text, a topic\'s figures', async () => {
    const app = await buildApp({ config: { logLevel: 'silent' }, db });
    const hot = db.prepare('SELECT id FROM entities ORDER BY claim_count DESC LIMIT 1').pluck().get() as string;
    const topic = db.prepare('SELECT topic_id FROM claims WHERE topic_id IS NOT NULL GROUP BY topic_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    for (const url of [`/v1/claims?entity=${hot}&limit=50`, `/v1/claims?q=${COMMON_WORD}&limit=50`, `/v1/topics/${topic}/figures?limit=50`]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.json().data.length, url).toBe(50);
    }
    await app.close();
  });
});

describe('the bulk load', () => {
  /** The seed corpus as a bulk loader receives it: the catalog, then one article at a time, relations last. */
  function inBatches(corpus: Corpus): Corpus[] {
    const none = { articles: [], entities: [], topics: [], events: [], claims: [], relations: [], mentions: [] };
    return [
      { ...none, entities: corpus.entities, topics: corpus.topics, events: corpus.events },
      ...corpus.articles.map((a) => ({
        ...none, articles: [a], claims: corpus.claims.filter((c) => c.articleId === a.id), mentions: corpus.mentions.filter((m) => m.articleId === a.id),
      })),
      { ...none, relations: corpus.relations },
    ];
  }
  const schema = (db: Db) => all(db, `SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`);
  const search = (db: Db, words: string) =>
    all(db, 'SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid WHERE claims_fts MATCH ? ORDER BY c.id', words);

  it('writes exactly the rows storeCorpus writes, whole or in batches, and leaves indexes and triggers as they were', () => {
    const stored = freshDb();
    const counts = storeCorpus(stored, seedCorpus());
    for (const batches of [[seedCorpus()], inBatches(seedCorpus())]) {
      const bulk = freshDb();
      expect(bulkStoreCorpus(bulk, batches)).toEqual(counts);
      expect(dumpTables(bulk)).toEqual(dumpTables(stored));
      expect(schema(bulk)).toEqual(schema(stored));
      expect(search(bulk, 'troops')).toEqual(search(stored, 'troops'));
      expect(search(bulk, 'troops').length).toBeGreaterThan(10);
    }
  });

  it('replaces what was there, and the full-text triggers work again afterwards', () => {
    const db = freshDb();
    bulkStoreCorpus(db, [seedCorpus()]);
    bulkStoreCorpus(db, inBatches(seedCorpus()));
    const stored = freshDb();
    storeCorpus(stored, seedCorpus());
    expect(dumpTables(db)).toEqual(dumpTables(stored));
    db.prepare(`UPDATE claims SET text = 'a zeppelinword' WHERE id = (SELECT min(id) FROM claims)`).run();
    expect(search(db, 'zeppelinword')).toHaveLength(1);
  });
});

describe('the synthetic corpus made on a worker thread', () => {
  const options = { claims: 600, seed: 5, batchClaims: 100 };

  it('yields the rows the same corpus gives in line, batch by batch, and they load the same', () => {
    const inWorker = [...syntheticRowsInWorker(options)];
    const inLine = [...syntheticCorpus(options)].map(bulkRows);
    expect(inWorker.length).toBeGreaterThan(5);
    expect(inWorker).toEqual(inLine);
    const [fromWorker, fromCorpus] = [freshDb(), freshDb()];
    bulkStoreRows(fromWorker, inWorker);
    bulkStoreCorpus(fromCorpus, syntheticCorpus(options));
    expect(dumpTables(fromWorker)).toEqual(dumpTables(fromCorpus));
  });

  it('may be left after a batch, and a reader after it still gets every batch', () => {
    for (const runs of syntheticRowsInWorker(options)) {
      expect(runs.length).toBeGreaterThan(0);
      break;
    }
    expect([...syntheticRowsInWorker(options)]).toHaveLength([...syntheticCorpus(options)].length);
  });
});

describe('npm run bench:data', () => {
  const { dir, run } = useProcesses('bench-data');

  it('writes the rows of an in-process load into a WAL database, and prints rows/s', () => {
    const out = join(dir, 'bench.db');
    const cli = run('bench/generate.ts', ['--claims', String(CLAIMS), '--seed', '7', '--out', out]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/rows in [\d.]+ s: [\d,]+ rows\/s end to end/);
    const db = openDatabase(out);
    expect(dumpTables(db)).toEqual(dumpTables(synthetic(7)));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const refused = run('bench/generate.ts', ['--claims', '1e6']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--claims must be a whole number from 1 to 20000000 (got "1e6")');
  });
});
