import { describe, expect, it } from 'vitest';
import { keysetPages, useSeededApp } from '../../test/helpers.js';
import { COLLECT_UP_TO, matchDensity, rowsMatching, type MatchDensity } from './full-text.js';

const { ctx } = useSeededApp();

describe('lists filtered by words', () => {
  // The corpus is small, so the routes always collect; both plans are run here on the same words.
  it.each([
    ['entities_fts', 'entities', 'e', '"k"*', ['e.name', 'e.id']], ['entities_fts', 'entities', 'e', '"korea"*', ['e.claim_count', 'e.id']],
    ['articles_fts', 'articles', 'a', '"troops"', ['a.published_from', 'a.id']], ['articles_fts', 'articles', 'a', '"russia"', ['a.id']],
  ])('%s %s %s: the same pages whether the few matches drive or the sort index walk probes them', (fts, table, alias, match, columns) => {
    const pages = (density: MatchDensity) => {
      const { from, where } = rowsMatching(fts, table, alias, match, density);
      return keysetPages(ctx.db, { select: `${alias}.id`, from, where: where.where, params: where.params, sort: 'x', columns }, 2);
    };
    const driven = pages('few');
    expect(driven.flat().length).toBeGreaterThan(2);
    expect(pages('some')).toEqual(driven);
  });

  it(`calls up to ${COLLECT_UP_TO} matches few, and counts no further`, () => {
    ctx.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${COLLECT_UP_TO + 1})
      INSERT INTO entities (id, kind, name, aliases, description) SELECT 'zz-' || i, 'person', 'Zzyzx ' || i, '[]', '' FROM n`);
    expect(matchDensity(ctx.db, 'entities_fts', 'entities', '"zzyzx" "1000"')).toBe('few');
    expect(matchDensity(ctx.db, 'entities_fts', 'entities', '"zzyzx"')).toBe('some');
    ctx.db.exec("DELETE FROM entities WHERE id = 'zz-1'");
    expect(matchDensity(ctx.db, 'entities_fts', 'entities', '"zzyzx"')).toBe('few');
  });
});
