// Every page query the main routes run must walk an index: no full scan of claims, no sorting
// rows into a temporary B-tree for ORDER BY, except of the few rows a full-text query or a merge
// of walks gives. Checked on a synthetic database large enough (and ANALYZEd) for SQLite's planner
// to choose as it would in production.
import { beforeAll, describe, expect, it } from 'vitest';
import { reindexClaims } from '../src/annotations/derived.js';
import { buildApp } from '../src/app.js';
import type { Db } from '../src/db/client.js';
import { CLAIM_FACET_COLUMNS } from '../src/claims/filters.js';
import { freshDb, recordStatements, type Run } from './helpers.js';

const CLAIMS = 20_000;
// Over COLLECT_UP_TO (db/full-text.ts), so that a word in every name or title is walked, not collected.
const ENTITIES = 1_200;
const ARTICLES = 1_200;

function fillSynthetic(db: Db): void {
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ARTICLES})
    INSERT INTO articles (id, title, publisher, authors, language, raw_text, body, published_from, published_to)
      SELECT 'a' || i, 'Article ' || i, 'Publisher ' || (i % 7), '[]', 'en', 'raw', 'troops moved ' || i,
             date('2024-01-01', '+' || i || ' days'), date('2024-01-01', '+' || i || ' days') FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ENTITIES})
    INSERT INTO entities (id, kind, name, aliases, description) SELECT 'e' || i, 'person', 'Name ' || i, '[]', 'x' FROM n;
    INSERT INTO topics (id, question) VALUES ('t1', 'How many?'), ('t2', 'Who?');
    INSERT INTO events (id, kind, title, start, start_day, end_day) VALUES ('v1', 'strike', 'Strike', '2024-05', '2024-05-01', '2024-05-31');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CLAIMS})
    INSERT INTO claims (id, article_id, text, quote_exact, quote_prefix, quote_suffix, quote_start, quote_end, claimant_id,
                        stance, certainty, claimed_on, claimed_from, claimed_to, topic_id)
      SELECT printf('c%06d', i), 'a' || (1 + i % ${ARTICLES}), 'claim text ' || i || ' troops', 'quote ' || i, '', '', 0, 1,
             CASE WHEN i % 10 = 0 THEN 'e1' ELSE 'e' || (2 + i % ${ENTITIES - 1}) END,
             'asserts', 'stated', date('2024-01-01', '+' || (i % 400) || ' days'), date('2024-01-01', '+' || (i % 400) || ' days'),
             date('2024-01-01', '+' || (i % 400) || ' days'), CASE WHEN i % 3 = 0 THEN 't1' ELSE 't2' END FROM n;
    INSERT INTO entity_claims (entity_id, claimed_from, claim_id) SELECT claimant_id, claimed_from, id FROM claims;
    INSERT INTO claim_entities (claim_id, entity_id, role, position) SELECT id, claimant_id, 'subject', 0 FROM claims;
    INSERT INTO claim_events (claim_id, event_id) SELECT id, 'v1' FROM claims WHERE rowid % 50 = 0;
    INSERT INTO event_participants (event_id, entity_id, role, position) VALUES ('v1', 'e1', 'agent', 0);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
    INSERT INTO events (id, kind, title, start, start_day, end_day)
      SELECT 'w' || i, 'strike', 'Strike ' || i, date('2024-01-01', '+' || i || ' days'), date('2024-01-01', '+' || i || ' days'),
             date('2024-01-01', '+' || (i + i % 20) || ' days') FROM n;
    INSERT INTO event_participants (event_id, entity_id, role, position) SELECT id, 'e1', 'agent', 0 FROM events WHERE id LIKE 'w%' AND rowid % 4 = 0;
    INSERT INTO claim_quantities (claim_id, position, value, unit, approximate) SELECT id, 0, 1000, 'troops', 0 FROM claims WHERE rowid % 3 = 0;
    ANALYZE;`);
}

const ROUTES = [
  '/v1/claims', '/v1/claims?sort=-claimed_on', '/v1/claims?claimant=e7', '/v1/claims?claimant=e1',
  '/v1/claims?entity=e7', '/v1/claims?entity=e1', '/v1/claims?topic=t1', '/v1/claims?article=a5',
  '/v1/claims?q=troops&sort=claimed_on', '/v1/entities', '/v1/entities?sort=-claims', '/v1/entities?q=name',
  '/v1/events', '/v1/events?entity=e1', '/v1/articles', '/v1/articles?q=troops',
  '/v1/topics/t1/figures',
];
// Every statement these run (the page, the newest latest figures, the spread's ends, the count).
const FIGURES = ['/v1/topics/t1/figures', '/v1/topics/t1/figures?unit=troops&latest_limit=500'];
// Merged from two halves, each walked in its own index order and cut at limit + 1 rows: the only
// sorting left is of those few rows.
const MERGED = ['/v1/timeline', '/v1/timeline?entity=e1', '/v1/timeline?entity=e1&from=2024-05', '/v1/timeline?from=2024-05-10&to=2024-06'];
// A date filter: the claims starting within the dates, and the month and year claims that started
// before and reach into them, each walked in its own index order and merged (db/conditions.ts).
const DATE_ARMS = [
  '/v1/claims?from=2024-03-01&to=2024-03-31', '/v1/claims?from=2024-03-15&to=2024-04-20&sort=-claimed_on',
  '/v1/claims?entity=e1&from=2024-05-10', '/v1/claims?claimant=e7&from=2024-02-03&to=2024-09',
];
// Events from a first day: the walk in day order starts the longest event's span before it (an index seek).
const EVENT_DATES = ['/v1/events?from=2024-05-10', '/v1/events?entity=e1&from=2024-05-10&sort=-start', '/v1/timeline?from=2024-05-10&to=2024-06',
  '/v1/timeline?entity=e1&from=2024-05-10'];
// Facets over a date filter and another filter count every claim in the dates: from claims_days alone, which
// holds every facet column.
const EVERY_FACET = 'facets=claimant,stance,certainty,topic,article&count=true';
const FACETED = `/v1/claims?from=2024-03-01&to=2024-03-31&stance=asserts,denies&${EVERY_FACET}`;
// Over dates alone, the whole months are read from claim_facet_months (one month: its top values), and only
// the claims of the part-months and those across a month's end are counted (claims/facet-months.ts).
const MONTHLY = [`/v1/claims?from=2024-03&to=2024-03&${EVERY_FACET}`, `/v1/claims?from=2024-03-10&to=2024-06-20&${EVERY_FACET}`];
// Ranked by relevance: every match must be scored, so SQLite's top-N sorter (which keeps only
// limit + 1 rows) is expected; what must not happen is a scan of claims.
// ("troops" is in every claim: above RANKING_LIMIT, so search ranks it by recency and the claims list by date;
// "1234" is in one claim and is ranked by bm25.)
const RANKED = ['/v1/claims?q=troops', '/v1/claims?q=troops&claimant=e1', '/v1/claims?q=troops&entity=e1,e2', '/v1/search?q=troops',
  '/v1/search?q=1234', '/v1/claims?q=1234'];
// A few matches (up to COLLECT_UP_TO) drive a list in its own order, and only they are sorted: "1234" is in
// one claim (of 2024-02-04, claimant e37), "7" starts 111 names (7, 70 to 79, 700 to 799) and is one title's word.
const COLLECTED = ['/v1/claims?q=1234&sort=claimed_on', '/v1/claims?q=1234&sort=-claimed_on&entity=e1,e37&from=2024-02',
  '/v1/entities?q=7', '/v1/entities?q=7&sort=-claims', '/v1/articles?q=7'];
// Search reads titles and snippets for the page's rows only, after ranking: every statement is checked.
const SEARCHES = ['/v1/search?q=troops', '/v1/search?q=1234'];

describe('query plans on a synthetic corpus', () => {
  let db: Db;
  let runs: Run[];
  const plans = new Map<string, string[]>();
  const everyPlan = new Map<string, string[]>();

  beforeAll(async () => {
    db = freshDb();
    fillSynthetic(db);
    runs = recordStatements(db);
    const app = await buildApp({ config: { logLevel: 'silent' }, db });
    const explainedWhole = new Set([...SEARCHES, ...FIGURES, FACETED, ...MONTHLY]);
    for (const url of new Set([...ROUTES, ...RANKED, ...COLLECTED, ...MERGED, ...DATE_ARMS, ...EVENT_DATES, ...FIGURES, FACETED, ...MONTHLY])) {
      const before = runs.length;
      const res = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}limit=50` });
      expect(res.statusCode, url).toBe(200);
      if (COLLECTED.includes(url)) expect(res.json().data.length, `${url} found nothing`).toBeGreaterThan(0);
      const page = runs.slice(before).find((r) => /ORDER BY .* LIMIT \?\s*$/s.test(r.sql));
      expect(page, `${url} ran no page query`).toBeDefined();
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${page!.sql}`).all(...page!.params) as { detail: string }[];
      plans.set(url, plan.map((p) => p.detail));
      if (!explainedWhole.has(url)) continue;
      // The ETag's revision (src/http/revision.ts) reads two counters, no table.
      const reads = runs.slice(before).filter((r) => /^\s*(SELECT|WITH)\b/i.test(r.sql) && !r.sql.includes('pragma_data_version'));
      everyPlan.set(url, reads.flatMap((r) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.params) as { detail: string }[]).map((p) => p.detail)));
    }
    await app.close();
  });

  it.each(ROUTES)('%s walks an index in order: no full scan of claims, no sort for ORDER BY', (url) => {
    const plan = plans.get(url)!;
    const text = plan.join('\n');
    expect(text, text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    for (const line of plan) expect(line, text).not.toMatch(/^SCAN (c|claims|x|entity_claims)$/);
  });

  it.each(RANKED)('%s is driven by the full-text index (queried once, not per row) and never scans claims', (url) => {
    const text = plans.get(url)!.join('\n');
    expect(text, text).toMatch(/SCAN \w+_fts VIRTUAL TABLE INDEX \d+:M/);
    expect(text, text).not.toMatch(/VIRTUAL TABLE INDEX \d+:=M/);
    expect(text, text).not.toMatch(/^SCAN (c|claims)$/m);
  });

  it.each(COLLECTED)('%s is driven by its few full-text matches, each looked up by rowid: no walk of a table or its indexes', (url) => {
    const plan = plans.get(url)!;
    const text = plan.join('\n');
    expect(plan[0], text).toMatch(/^SCAN \w+_fts VIRTUAL TABLE INDEX \d+:M/);
    expect(plan[1], text).toMatch(/^SEARCH (c|e|a) USING INTEGER PRIMARY KEY \(rowid=\?\)$/);
    for (const line of plan) expect(line, text).not.toMatch(/^SCAN (?!\w+_fts )/);
  });

  it.each(SEARCHES)('%s scans no base table and sorts only narrow rows', (url) => {
    const text = everyPlan.get(url)!.join('\n');
    expect(text, text).not.toMatch(/^SCAN (t|c|claims|articles|entities)$/m);
    expect(text, text).toMatch(/SEARCH t USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it.each(MERGED)('%s merges two index walks, each stopped by LIMIT', (url) => {
    const text = plans.get(url)!.join('\n');
    expect(text, text).toMatch(/MERGE \(UNION ALL\)/);
    expect(text, text).toMatch(/((SCAN|SEARCH) c USING INDEX claims_claimed_from_id|SEARCH x USING PRIMARY KEY \(entity_id=\?)/);
    expect(text, text).toMatch(/((SCAN|SEARCH) ev USING INDEX events_start_day_id|SEARCH y USING (COVERING )?INDEX sqlite_autoindex_entity_events_1 \(entity_id=\?)/);
    expect(text, text).not.toMatch(/^SCAN (c|claims|x)$/m);
  });

  it.each(DATE_ARMS)('%s merges one index walk per arm; only the few rows each arm gives are sorted', (url) => {
    const plan = plans.get(url)!;
    const text = plan.join('\n');
    expect(text, text).toMatch(/MERGE \(UNION ALL\)/);
    expect(text, text).toMatch(/SEARCH (c|x) USING ((COVERING )?INDEX \w+|PRIMARY KEY) \((claimed_from|\w+_id=\? AND claimed_from)[>=<]/);
    plan.forEach((line, i) => {
      if (/TEMP B-TREE/.test(line)) expect(`${plan[i - 1]}\n${line}`, text).toMatch(/^SCAN \(subquery-\d+\)\nUSE TEMP B-TREE FOR ORDER BY$/);
      expect(line, text).not.toMatch(/^SCAN (c|claims|x|entity_claims)$/);
    });
  });

  it.each(EVENT_DATES)('%s starts its walk of events at a bound read from the events_span index', (url) => {
    const text = plans.get(url)!.join('\n');
    expect(text, text).toMatch(/SEARCH (v|ev|y) USING (COVERING )?INDEX (events_start_day_id|sqlite_autoindex_entity_events_1) \((entity_id=\? AND )?start_day>\?/);
    expect(text, text).toMatch(/SEARCH events USING (COVERING )?INDEX events_span/);
    expect(text, text).not.toMatch(/^SCAN (v|ev|y|events)\b/m);
  });

  it.each(FIGURES)('%s reads stored latest figures by index: no scan, no sort, in any statement', (url) => {
    const text = everyPlan.get(url)!.join('\n');
    expect(text, text).toMatch(/SEARCH l USING (COVERING )?INDEX latest_figures_recent/);
    expect(text, text).toMatch(/SEARCH l USING (COVERING )?INDEX latest_figures_low/);
    expect(text, text).toMatch(/SEARCH l USING (COVERING )?INDEX latest_figures_high/);
    // The page sorts only a claim's own figures by their place in it ("LAST TERM OF ORDER BY").
    expect(text, text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    expect(text, text).not.toMatch(/^SCAN /m);
  });

  it('can count and facet a date filter from the claims_days index alone: it holds every facet column', () => {
    const values = Object.values(CLAIM_FACET_COLUMNS).map(([value]) => value).join(', ');
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT ${values} FROM claims c INDEXED BY claims_days
      WHERE c.claimed_from >= ? AND c.claimed_from <= ?`).all('2024-03-01', '2024-03-31') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX claims_days/);
    // Where the planner takes claims_days for a facet or the count, it reads no claim row. (On this small
    // corpus it may prefer a skip-scan of claims_topic for the range arm; at 1M claims it takes claims_days.)
    const facetReads = everyPlan.get(FACETED)!.filter((line) => /claims_days/.test(line));
    expect(facetReads.length).toBeGreaterThan(5);
    // The page's own arms come first: they read claim rows for their text.
    const pageReads = plans.get(FACETED)!.filter((line) => /claims_days/.test(line)).length;
    for (const line of facetReads.slice(pageReads)) expect(line).toMatch(/COVERING INDEX claims_days/);
  });

  it.each(MONTHLY)('%s: facets and count over dates alone read the months, and seek the claims they leave out', (url) => {
    const facetReads = everyPlan.get(url)!.slice(plans.get(url)!.length);
    const text = facetReads.join('\n');
    expect(text, text).toMatch(/SEARCH claim_facet_months USING (COVERING )?INDEX claim_facet_months_top \(field=\? AND month=\?\)|SEARCH claim_facet_months USING .*\(field=\? AND month>\? AND month<\?\)/);
    expect(text, text).toMatch(/SEARCH c USING COVERING INDEX claims_across_months \(claimed_from>\? AND claimed_from<\?\)/);
    for (const line of facetReads) expect(line, text).not.toMatch(/^SCAN (c|claims|claim_facet_months)$/);
    // One month: the left-out claims' values are looked up by key, not tested against the whole month.
    if (url === MONTHLY[0]) expect(text, text).toMatch(/SEARCH m USING (COVERING )?INDEX sqlite_autoindex_claim_facet_months_1 \(field=\? AND month=\? AND key=\?\)/);
  });

  it('filters by entity through entity_claims, whose index leads with the entity and the date', () => {
    expect(plans.get('/v1/claims?entity=e1')!.join('\n')).toMatch(/SEARCH x USING PRIMARY KEY \(entity_id=\?\)/);
  });

  it('re-indexes an edited claim from its own rows, not from every claim\'s participants', () => {
    const before = runs.length;
    db.exec('BEGIN');
    try {
      reindexClaims(db, ['c000010']);
    } finally {
      db.exec('ROLLBACK');
    }
    const insert = runs.slice(before).find((r) => /^\s*INSERT OR IGNORE INTO entity_claims/.test(r.sql));
    expect(insert).toBeDefined();
    const text = (db.prepare(`EXPLAIN QUERY PLAN ${insert!.sql}`).all(...insert!.params) as { detail: string }[])
      .map((p) => p.detail).join('\n');
    expect(text, text).not.toMatch(/^SCAN (claims|claim_via|claim_entities)$/m);
    expect(text, text).not.toMatch(/TEMP B-TREE/);
  });

  it('filters by claimant through the claimant index', () => {
    expect(plans.get('/v1/claims?claimant=e1')!.join('\n')).toMatch(/SEARCH c USING INDEX claims_claimant \(claimant_id=\?\)/);
  });
});
