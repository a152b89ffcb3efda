// The annotated corpus as loaded: every quote and mention really is where it says, reloading
// changes nothing, and the questions the product exists for can be answered from it.
import { describe, expect, it } from 'vitest';
import { storeCorpus } from '../src/annotations/store.js';
import { sliceCodePoints } from '../src/annotations/text-position.js';
import { dumpTables, seedCorpus, seededDb } from './helpers.js';

describe('the seed corpus', () => {
  const db = seededDb();
  const bodies = new Map((db.prepare('SELECT id, body FROM articles').all() as { id: string; body: string }[])
    .map((a) => [a.id, a.body]));

  it('has every claim quote at its offsets, with the 32 characters of context around it', () => {
    const claims = db.prepare('SELECT * FROM claims').all() as Record<string, any>[];
    expect(claims.length).toBeGreaterThan(100);
    for (const c of claims) {
      const body = bodies.get(c.article_id)!;
      expect(sliceCodePoints(body, c.quote_start, c.quote_end), c.id).toBe(c.quote_exact);
      expect(sliceCodePoints(body, Math.max(0, c.quote_start - 32), c.quote_start), c.id).toBe(c.quote_prefix);
      expect(sliceCodePoints(body, c.quote_end, c.quote_end + 32), c.id).toBe(c.quote_suffix);
    }
  });

  it('has every entity mention at its offsets', () => {
    const mentions = db.prepare('SELECT * FROM mentions').all() as Record<string, any>[];
    expect(mentions.length).toBeGreaterThan(300);
    for (const m of mentions) expect(sliceCodePoints(bodies.get(m.article_id)!, m.start, m.end)).toBe(m.text);
  });

  it('annotates every report densely: dozens of claims each, and no entity unused', () => {
    const perArticle = db.prepare('SELECT article_id, count(*) n FROM claims GROUP BY 1').all() as { n: number }[];
    expect(perArticle).toHaveLength(5);
    for (const { n } of perArticle) expect(n).toBeGreaterThanOrEqual(15);
    // A publisher speaking in its own voice is a claimant without being named in its own body.
    const unused = db.prepare(`SELECT id FROM entities WHERE id NOT IN (
      SELECT entity_id FROM mentions UNION SELECT claimant_id FROM claims WHERE claimant_id IS NOT NULL
      UNION SELECT entity_id FROM claim_via UNION SELECT entity_id FROM claim_entities
      UNION SELECT entity_id FROM event_participants UNION SELECT entity_id FROM event_locations)`).all();
    expect(unused).toEqual([]);
  });

  it('keeps the raw reports verbatim and marks the undated ones as inferred', () => {
    const articles = db.prepare('SELECT id, raw_text, published_inferred, published_precision FROM articles ORDER BY id').all() as any[];
    for (const corpusArticle of seedCorpus().articles) {
      expect(articles.find((a) => a.id === corpusArticle.id).raw_text).toBe(corpusArticle.rawText);
    }
    expect(articles.find((a) => a.id === 'jad-2025-02-nk-more-troops')).toMatchObject({ published_inferred: 1, published_precision: 'month' });
    expect(articles.find((a) => a.id === 'jad-2024-11-20-nk-troops-in-combat')).toMatchObject({ published_inferred: 0 });
  });

  it('answers: what has the NIS claimed about troop numbers, in order?', () => {
    const figures = db.prepare(`
      SELECT c.id, c.claimed_on, q.value FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
      WHERE c.claimant_id = 'nis' AND c.topic_id = 'nk-troops-sent' AND c.stance = 'asserts'
      ORDER BY c.claimed_from, c.id`).all() as { id: string; claimed_on: string; value: number }[];
    const first = (value: number) => figures.find((f) => f.value === value)!;
    expect(first(1500).claimed_on).toBe('2024-10-18');
    // "The NIS said last month": known only to the month, so the date alone cannot place it
    // against 18 October; the annotated `updates` chain does.
    expect(first(10900).claimed_on).toBe('2024-10');
    expect(figures.at(-1)).toMatchObject({ value: 11000, claimed_on: '2024-11-20' });
    const updates = (from: string, to: string) =>
      db.prepare(`SELECT 1 FROM claim_relations WHERE from_claim_id = ? AND type = 'updates' AND to_claim_id = ?`).get(from, to);
    expect(updates(first(10900).id, first(1500).id)).toBeTruthy();
    expect(updates(first(11000).id, first(10900).id)).toBeTruthy();
  });

  it('answers: who contradicts the NIS? (the Kremlin, NATO, the Pentagon)', () => {
    const claimants = (db.prepare(`
      SELECT DISTINCT a.claimant_id FROM claim_relations r
      JOIN claims a ON a.id = r.from_claim_id JOIN claims b ON b.id = r.to_claim_id
      WHERE r.type = 'contradicts' AND b.claimant_id = 'nis'`).all() as { claimant_id: string }[]).map((r) => r.claimant_id);
    expect(claimants).toEqual(expect.arrayContaining(['dmitry-peskov', 'mark-rutte', 'pat-ryder']));
  });

  it('leaves exactly the same rows when seeded twice', () => {
    const once = dumpTables(db);
    storeCorpus(db, seedCorpus());
    expect(dumpTables(db)).toEqual(once);
  });
});
