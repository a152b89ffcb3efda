// latest_figures is kept by triggers; these tests hold it to what a rebuild from scratch gives after
// every kind of write the API and the loaders make (including the cascades of a claim delete).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/random.js';
import type { Db } from '../db/client.js';
import { afterRebuild, seededDb, useEditorApp } from '../../test/helpers.js';
import { column, randomWrite } from '../../test/random-writes.js';
import type { FigureList } from './schema.js';
import { rebuildLatestFigures } from './latest.js';

const stored = (db: Db) => db.prepare('SELECT * FROM latest_figures ORDER BY topic_id, claimant_id, unit').all();

const rebuilt = (db: Db) => afterRebuild(db, rebuildLatestFigures, stored);

describe('latest_figures', () => {
  it('holds, after loading the corpus, exactly what a rebuild from the claims gives', () => {
    const db = seededDb();
    expect(stored(db).length).toBeGreaterThan(10);
    expect(stored(db)).toEqual(rebuilt(db));
  });

  it.each([1, 2, 3])('stays equal to a rebuild through 300 random writes (seed %i)', (seed) => {
    const db = seededDb();
    const random = mulberry32(seed);
    for (let i = 0; i < 300; i++) {
      const what = randomWrite(db, random);
      expect(stored(db), `after write ${i}: ${what}`).toEqual(rebuilt(db));
    }
  });

  it('recomputes every unit a deleted claim was the latest for', () => {
    const db = seededDb();
    const claim = 'kh1125-rbc-storm-shadow-500-killed';
    db.prepare("INSERT INTO claim_quantities (claim_id, position, value, min, max, unit, approximate) VALUES (?, 9, 2, NULL, NULL, 'captured', 0)").run(claim);
    expect(column(db, `SELECT unit FROM latest_figures WHERE claim_id = '${claim}' ORDER BY unit`)).toEqual(['captured', 'killed']);
    db.prepare('DELETE FROM claims WHERE id = ?').run(claim);
    expect(column(db, `SELECT count(*) FROM latest_figures WHERE claim_id = '${claim}'`)).toEqual([0]);
    expect(stored(db)).toEqual(rebuilt(db));
  });
});

describe('latest figures through the editorial API', () => {
  const { write, read, etagOf } = useEditorApp();
  const FIGURES = '/v1/topics/nk-troops-sent/figures';
  const latest = async () => ((await read(FIGURES)).json() as FigureList).latest_by_claimant.map((f) => [f.claimant!.id, f.claimed_on]);

  it('follows a claim edited to a later date and a claim deleted, at once', async () => {
    const zelenskyy = '/v1/claims/kh1018-zelenskyy-10000-being-prepared';
    expect((await write('PATCH', zelenskyy, { claimed_on: '2025-03' }, { 'if-match': await etagOf(zelenskyy) })).statusCode).toBe(200);
    expect((await latest())[0]).toEqual(['volodymyr-zelenskyy', '2025-03']);
    const intel = '/v1/claims/jad2502-ukr-intel-11000-first-dispatch';
    expect((await write('DELETE', intel, undefined, { 'if-match': await etagOf(intel) })).statusCode).toBe(204);
    const after = (await read(FIGURES)).json() as FigureList;
    expect(after.latest_by_claimant.map((f) => f.claimant!.id)).not.toContain('ukrainian-military-intelligence');
    expect(after.latest_by_claimant_total).toBe(3);
  });
});
