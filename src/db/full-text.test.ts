import { describe, expect, it } from 'vitest';
import { freshDb, keysetPages, useSeededApp } from '../../test/helpers.js';
import { ARTICLE_SORTS } from '../articles/repository.js';
import { ENTITY_SORTS } from '../entities/repository.js';
import { COLLECT_UP_TO, matchDensity, rowsMatching } from './full-text.js';

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
