import { describe, expect, it } from 'vitest';
import { dumpTables, seededDb } from '../../test/helpers.js';
import { articlesNaming, recomputeMentions, reindexClaims } from './derived.js';

describe('derived rows', () => {
  it('recomputing mentions and reindexing claims of an unchanged corpus changes nothing', () => {
    const db = seededDb();
    const before = dumpTables(db);
    recomputeMentions(db, (db.prepare('SELECT id FROM articles').all() as { id: string }[]).map((a) => a.id));
    reindexClaims(db, (db.prepare('SELECT id FROM claims').all() as { id: string }[]).map((c) => c.id));
    expect(dumpTables(db)).toEqual(before);
  });

  it('follows a changed alias into mentions and counts, and a changed claimant into entity_claims', () => {
    const db = seededDb();
    db.prepare(`UPDATE entities SET aliases = '["NIS", "the agency"]' WHERE id = 'nis'`).run();
    const articles = articlesNaming(db, ['the agency']);
    expect(articles.length).toBeGreaterThan(0);
    recomputeMentions(db, articles);
    expect(db.prepare(`SELECT count(*) n FROM mentions WHERE entity_id = 'nis' AND text = 'the agency'`).get()).toEqual({ n: expect.any(Number) });
    expect((db.prepare(`SELECT count(*) n FROM mentions WHERE entity_id = 'nis' AND text = 'the agency'`).get() as { n: number }).n).toBeGreaterThan(0);

    const claim = 'csm1018-peskov-another-piece-of-fake-news';
    db.prepare(`UPDATE claims SET claimant_id = 'nis' WHERE id = ?`).run(claim);
    const peskovBefore = (db.prepare(`SELECT claims_made FROM entities WHERE id = 'dmitry-peskov'`).get() as { claims_made: number }).claims_made;
    reindexClaims(db, [claim]);
    expect(db.prepare(`SELECT entity_id FROM entity_claims WHERE claim_id = ? AND entity_id = 'nis'`).get(claim)).toBeDefined();
    expect(db.prepare(`SELECT 1 FROM entity_claims WHERE claim_id = ? AND entity_id = 'dmitry-peskov'`).get(claim)).toBeUndefined();
    expect((db.prepare(`SELECT claims_made FROM entities WHERE id = 'dmitry-peskov'`).get() as { claims_made: number }).claims_made).toBe(peskovBefore - 1);
  });
});
