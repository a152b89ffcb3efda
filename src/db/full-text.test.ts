import { describe, expect, it } from 'vitest';
import { freshDb, keysetPages, useSeededApp } from '../../test/helpers.js';
import { ARTICLE_SORTS } from '../articles/repository.js';
import { ENTITY_SORTS } from '../entities/repository.js';
import type { Db } from './client.js';
import { checksRowsCheaply, COLLECT_UP_TO, expandPrefixes, matchDensity, rowsMatching } from './full-text.js';

const { ctx } = useSeededApp();

describe('lists filtered by words', () => {
  // The corpus is small, so the routes always collect; every plan is run here on the same words and
  // filters, in the lists' own orders, and with plans taking turns page by page (writes may move the
  // count across a limit between two pages of one list).
  it.each([
    ['entities', 'e', '"k"*', ENTITY_SORTS.name, false, undefined],
    ['entities', 'e', '"korea"*', ENTITY_SORTS['-claims'], true, ['e.kind', ['government_body', 'group', 'media_outlet']]],
    ['articles', 'a', '"troops"', ARTICLE_SORTS.published, false, undefined],
    ['articles', 'a', '"russia"', ARTICLE_SORTS['-published'], true, ['a.publisher', ['Korea JoongAng Daily', 'The Korea Herald']]],
  ] as const)('%s (%s) matching %s: the same pages whether the few matches drive or the sort index walk probes them as a set', (table, alias, match, columns, descending, filter) => {
    const planned = (density: 'few' | 'some') => {
      const { from, where, params } = rowsMatching(`${table}_fts`, table, alias, match, density, (w) => filter && w.in(filter[0], [...filter[1]]));
      return { select: `${alias}.id`, from, where, params, sort: 'x', columns: [...columns], descending };
    };
    const driven = keysetPages(ctx.db, planned('few'), 2);
    expect(driven.flat().length).toBeGreaterThan(2);
    expect(keysetPages(ctx.db, planned('some'), 2)).toEqual(driven);
    expect(keysetPages(ctx.db, (page) => planned(page % 2 ? 'few' : 'some'), 2)).toEqual(driven);
  });

  it(`calls up to ${COLLECT_UP_TO} matches few, and one more some`, () => {
    const db = freshDb();
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${COLLECT_UP_TO + 1})
      INSERT INTO entities (id, kind, name, aliases, description) SELECT 'zz-' || i, 'person', 'Zzyzx ' || i, '[]', '' FROM n`);
    expect(matchDensity(db, 'entities_fts', 'entities', '"zzyzx" "1000"')).toBe('few');
    expect(matchDensity(db, 'entities_fts', 'entities', '"zzyzx"')).toBe('some');
    db.exec("DELETE FROM entities WHERE id = 'zz-1'");
    expect(matchDensity(db, 'entities_fts', 'entities', '"zzyzx"')).toBe('few');
    db.close();
  });
});

describe('prefixes no prefix index serves', () => {
  /** Entities of these names, with ids zz-<first>, zz-<first + 1>, ... */
  const addEntities = (db: Db, names: string[], first = 0) => names.forEach((name, i) => db
    .prepare(`INSERT INTO entities (id, kind, name, aliases, description) VALUES (?, 'person', ?, '[]', '')`).run(`zz-${first + i}`, name));
  const rowids = (db: Db, fts: string, match: string) =>
    db.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid`).pluck().all(match);

  it.each([
    ['claims_fts', '"troo"*'], ['claims_fts', '"Nort"* "kore"*'], ['claims_fts', '"sold"* "north korean"'],
    ['claims_fts', '"zele"*'], ['claims_fts', '"casu"* "russia"'], ['entities_fts', '"kore"*'],
    ['articles_fts', '"russ"* "ukra"*'], ['articles_fts', '"troops" "depl"*'],
    // One letter: the two-letter prefixes it starts, and the one-letter word.
    ['claims_fts', '"t"*'], ['claims_fts', '"K"* "troops"'], ['claims_fts', '"1"*'], ['entities_fts', '"z"*'], ['articles_fts', '"s"*'],
  ])('%s matching %s: the words it starts, ORed, match the same rows', (fts, match) => {
    const words = expandPrefixes(ctx.db, fts, match);
    expect(words).not.toBe(match);
    expect(rowids(ctx.db, fts, match).length).toBeGreaterThan(0);
    expect(rowids(ctx.db, fts, words)).toEqual(rowids(ctx.db, fts, match));
  });

  it('leaves what a prefix index serves, non-ASCII prefixes, words, phrases and prefixes of no word as they are', () => {
    for (const match of ['"tr"*', '"tro"*', '"zelé"*', '"é"*', '"troops"', '"north korean"', '"qqqqq"*']) {
      expect(expandPrefixes(ctx.db, 'claims_fts', match)).toBe(match);
    }
  });

  it('keeps a prefix of more than 64 words a prefix, and follows writes', () => {
    const db = freshDb();
    const add = (n: number, from = 0) => addEntities(db, Array.from({ length: n },
      (_, i) => `Zzyzx${String.fromCharCode(97 + Math.floor((from + i) / 26), 97 + ((from + i) % 26))}`), from);
    add(64);
    const words = expandPrefixes(db, 'entities_fts', '"zzyz"*');
    expect(words.split(' OR ')).toHaveLength(64);
    expect(rowids(db, 'entities_fts', words)).toHaveLength(64);
    add(1, 64);
    expect(expandPrefixes(db, 'entities_fts', '"zzyz"*')).toBe('"zzyz"*');
    db.exec("DELETE FROM entities WHERE id IN ('zz-0', 'zz-1'); UPDATE entities SET name = 'Zzyzxzz' WHERE id = 'zz-2'");
    const after = expandPrefixes(db, 'entities_fts', '"zzyz"*');
    expect(after).toContain('"zzyzxzz"');
    expect(rowids(db, 'entities_fts', after)).toEqual(rowids(db, 'entities_fts', '"zzyz"*'));
    expect(rowids(db, 'entities_fts', after)).toHaveLength(63);
    db.close();
  });

  it('looks one letter up as the one-letter word and the two-letter prefixes it starts, each once', () => {
    const db = freshDb();
    addEntities(db, ['Zab', 'Z', 'Za', 'Zb zbb', 'Zяblik', 'Zя', 'Z9', 'Yz', 'Zb']);
    const terms = expandPrefixes(db, 'entities_fts', '"Z"*');
    expect(terms).toBe('("z" OR "z9"* OR "za"* OR "zb"* OR "zя"*)');
    expect(rowids(db, 'entities_fts', terms)).toEqual(rowids(db, 'entities_fts', '"z"*'));
    expect(rowids(db, 'entities_fts', terms)).toHaveLength(8);
    db.close();
  });

  it('tells which matches FTS5 can check row by row without merging a prefix', () => {
    expect(checksRowsCheaply('"troops" "north korean" "tr"* "tro"*')).toBe(true);
    expect(checksRowsCheaply('"troops" "troo"*')).toBe(false);
    expect(checksRowsCheaply('"t"*')).toBe(false);
    expect(checksRowsCheaply('("troop" OR "troops") AND "tro"*')).toBe(true);
  });
});
