// claim_facet_totals and claim_facet_months are kept by triggers; they must equal a recount after any
// write, and the unfiltered list's facets and total read from them must equal what counting the claims gives.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/random.js';
import { buildApp } from '../app.js';
import type { Db } from '../db/client.js';
import { afterRebuild, seededDb } from '../../test/helpers.js';
import { randomWrite } from '../../test/random-writes.js';
import { STANCES } from '../annotations/schema.js';
import { rebuildFacetTotals } from './facet-totals.js';

const stored = (db: Db) => ({
  totals: db.prepare('SELECT * FROM claim_facet_totals ORDER BY field, key').all(),
  months: db.prepare('SELECT * FROM claim_facet_months ORDER BY field, month, key').all(),
});
const ALL_FACETS = 'facets=claimant,stance,certainty,topic,article&count=true&limit=1';
const EVERY_STANCE = `stance=${STANCES.join(',')}`;

describe('claim_facet_totals and claim_facet_months', () => {
  it('stays equal to a recount through 300 random writes, claim deletes and inserts included', () => {
    const db = seededDb();
    expect(stored(db)).toEqual(afterRebuild(db, rebuildFacetTotals, stored));
    const random = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const what = randomWrite(db, random);
      expect(stored(db), `after write ${i}: ${what}`).toEqual(afterRebuild(db, rebuildFacetTotals, stored));
    }
    db.prepare(`INSERT INTO claims (id, article_id, text, quote_exact, quote_prefix, quote_suffix, quote_start, quote_end, claimant_id,
      stance, certainty, claimed_on, claimed_from, claimed_to) SELECT 'x-new', article_id, 't', 'q', '', '', 0, 1, NULL, 'asserts',
      'stated', '2024', '2024-01-01', '2024-12-31' FROM claims LIMIT 1`).run();
    expect(stored(db)).toEqual(afterRebuild(db, rebuildFacetTotals, stored));
  });

  it('answers the unfiltered list as counting every claim does (a filter that keeps every claim counts)', async () => {
    const db = seededDb();
    const app = await buildApp({ config: { logLevel: 'silent', validateResponses: true }, db });
    const fromTotals = (await app.inject({ url: `/v1/claims?${ALL_FACETS}` })).json();
    const counted = (await app.inject({ url: `/v1/claims?${ALL_FACETS}&${EVERY_STANCE}` })).json();
    expect(fromTotals.total).toBe(189);
    expect(fromTotals.total).toBe(counted.total);
    expect(fromTotals.facets).toEqual(counted.facets);
    await app.close();
  });
});
