import { describe, expect, it } from 'vitest';
import { freshDb } from '../../test/helpers.js';
import { facetCounts, FACET_VALUES } from './facets.js';

describe('facetCounts', () => {
  it('returns the most frequent values only, most frequent first', () => {
    const db = freshDb();
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
      INSERT INTO topics (id, question) SELECT 't' || i, 'Q' || i FROM n`);
    // Topic t1 is the most frequent "value" three times over; all 80 appear once.
    db.exec(`INSERT INTO topics (id, question) VALUES ('x1', 'Q1'), ('x2', 'Q1'), ('x3', 'Q1')`);
    const { question } = facetCounts(db, { from: 'topics c', where: [], params: [] }, ['question'], { question: ['c.question', 'NULL'] });
    expect(question).toHaveLength(FACET_VALUES);
    expect(question[0]).toEqual({ value: 'Q1', label: null, count: 4 });
  });
});
