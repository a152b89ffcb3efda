// What the benchmark asks for, chosen from the database itself so that any corpus (the seed, a generated
// 10k or 1M one) gets comparable requests: the hottest entity, a cold one, the busiest claimant and topic,
// the middle month, a rare word, the most common word and a phrase, and ids spread over the whole table.
import Database from 'better-sqlite3';

type Db = Database.Database;
type Count = { id: string; claims: number };

export interface Choices {
  claims: number;
  entityClaims: number;
  hotEntity: Count;
  coldEntity: Count & { inRange: boolean };
  claimant: Count;
  topic: { id: string; figures: number };
  month: { month: string; claims: number };
  words: { rare: Count; common: Count; phrase: Count };
  namePrefix: { q: string; entity: string };
  claimIds: string[];
  export: { query: string; rows: number };
}

export type ScenarioKind = 'list' | 'search' | 'item';

export interface Scenario {
  name: string;
  kind: ScenarioKind;
  /** The request as the results show it (the path, or its pattern when several rotate). */
  request: string;
  /** Requests rotate through these paths, one per request. */
  paths: string[];
  /** Items a correct first response holds at least (a sanity check that the request found something). */
  minItems: number;
}

const EXPORT_ROWS = 100_000;
const COLD_RANGE = [50, 200] as const;
const CLAIM_IDS = 1000;

const one = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

/** The entity in the most entity_claims rows, and one in about 50 to 200 (nearest 100; nearest in any case). */
function entities(db: Db): Pick<Choices, 'hotEntity' | 'coldEntity'> {
  const counts = db.prepare('SELECT entity_id AS id, count(*) AS claims FROM entity_claims GROUP BY entity_id')
    .all() as Count[];
  if (counts.length < 2) throw new Error('the database needs claims about at least two entities');
  const byId = (a: Count, b: Count) => (a.id < b.id ? -1 : 1);
  const hotEntity = [...counts].sort((a, b) => b.claims - a.claims || byId(a, b))[0];
  const cold = counts.filter((c) => c.id !== hotEntity.id)
    .sort((a, b) => Math.abs(a.claims - 100) - Math.abs(b.claims - 100) || byId(a, b))[0];
  return { hotEntity, coldEntity: { ...cold, inRange: cold.claims >= COLD_RANGE[0] && cold.claims <= COLD_RANGE[1] } };
}

const isWord = (term: string) => /^[\p{L}\p{N}]{4,}$/u.test(term) && /\p{L}/u.test(term);
const matches = (db: Db, q: string) => one<{ n: number }>(db, 'SELECT count(*) AS n FROM claims_fts WHERE claims_fts MATCH ?', q).n;

/** Words from the claims' full-text index: the most common, a rare one (in at most one claim in 1000, and at most a page), a phrase. */
function words(db: Db, claims: number): Choices['words'] {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'claims_fts', 'row')");
  const terms = (db.prepare('SELECT term, doc FROM temp.bench_vocab').all() as { term: string; doc: number }[])
    .filter((t) => isWord(t.term));
  if (terms.length === 0) throw new Error('the claims full-text index has no words');
  const common = terms.reduce((a, b) => (b.doc > a.doc || (b.doc === a.doc && b.term < a.term) ? b : a));
  const rareMax = Math.min(50, Math.max(1, Math.floor(claims / 1000)));
  const rare = terms.filter((t) => t.doc <= rareMax)
    .reduce((a, b) => (b.doc > a.doc || (b.doc === a.doc && b.term < a.term) ? b : a), { term: '', doc: 0 });
  if (!rare.term) throw new Error(`no word occurs in ${rareMax} claims or fewer`);
  // Two adjacent words of a claim in the middle of the table, as a quoted phrase.
  const { text } = one<{ text: string }>(db, 'SELECT text FROM claims WHERE rowid >= ? ORDER BY rowid LIMIT 1',
    Math.ceil(one<{ n: number }>(db, 'SELECT max(rowid) AS n FROM claims').n / 2));
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const at = tokens.findIndex((word, i) => word.length >= 3 && (tokens[i + 1]?.length ?? 0) >= 3);
  if (at < 0) throw new Error(`no two adjacent words in claim text ${JSON.stringify(text)}`);
  const phrase = `"${tokens[at]} ${tokens[at + 1]}"`;
  return {
    rare: { id: rare.term, claims: rare.doc },
    common: { id: common.term, claims: common.doc },
    phrase: { id: phrase, claims: matches(db, phrase) },
  };
}

/** Ids at pseudo-random rowids over the whole table (deterministic), so single-claim reads are not all cached. */
function claimIds(db: Db): string[] {
  const max = one<{ n: number }>(db, 'SELECT max(rowid) AS n FROM claims').n;
  const byRowid = db.prepare('SELECT id FROM claims WHERE rowid = ?').pluck();
  const ids = new Set<string>();
  for (let k = 1; k <= CLAIM_IDS * 3 && ids.size < CLAIM_IDS; k++) {
    const id = byRowid.get(1 + ((k * 2654435761) % max)) as string | undefined;
    if (id) ids.add(id);
  }
  return [...ids];
}

/** A filter matching about 100k claims (all of them in a smaller corpus): claims made up to some day. */
function exportFilter(db: Db, claims: number): Choices['export'] {
  if (claims <= EXPORT_ROWS) return { query: 'format=csv', rows: claims };
  const day = one<{ d: string }>(db, 'SELECT claimed_from AS d FROM claims ORDER BY claimed_from LIMIT 1 OFFSET ?', EXPORT_ROWS - 1).d;
  const rows = one<{ n: number }>(db, 'SELECT count(*) AS n FROM claims WHERE claimed_from <= ?', day).n;
  return { query: `format=csv&to=${day}`, rows };
}

export function choose(file: string): Choices {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const claims = one<{ n: number }>(db, 'SELECT count(*) AS n FROM claims').n;
    if (claims === 0) throw new Error(`${file} has no claims`);
    const entityClaims = one<{ n: number }>(db, 'SELECT count(*) AS n FROM entity_claims').n;
    const { hotEntity, coldEntity } = entities(db);
    const claimant = one<Count>(db, `SELECT claimant_id AS id, count(*) AS claims FROM claims WHERE claimant_id IS NOT NULL
      GROUP BY claimant_id ORDER BY claims DESC, id LIMIT 1`);
    const topic = one<{ id: string; figures: number }>(db, `SELECT c.topic_id AS id, count(*) AS figures
      FROM claim_quantities q JOIN claims c ON c.id = q.claim_id WHERE c.topic_id IS NOT NULL
      GROUP BY c.topic_id ORDER BY figures DESC, id LIMIT 1`);
    if (!claimant || !topic) throw new Error(`${file} needs claims with a claimant, and figures on a topic`);
    const middle = one<{ d: string }>(db, 'SELECT claimed_from AS d FROM claims ORDER BY claimed_from LIMIT 1 OFFSET ?',
      Math.floor(claims / 2)).d.slice(0, 7);
    const inMonth = one<{ n: number }>(db, 'SELECT count(*) AS n FROM claims WHERE claimed_to >= ? AND claimed_from <= ?',
      `${middle}-01`, `${middle}-31`).n;
    const name = one<{ name: string }>(db, 'SELECT name FROM entities WHERE id = ?', hotEntity.id).name;
    const word = name.normalize('NFC').match(/\p{L}[\p{L}\p{N}]*/gu)?.find((w) => w.length >= 4) ?? name;
    return {
      claims, entityClaims, hotEntity, coldEntity, claimant, topic, month: { month: middle, claims: inMonth },
      words: words(db, claims), namePrefix: { q: word.slice(0, 4).toLowerCase(), entity: hotEntity.id },
      claimIds: claimIds(db), export: exportFilter(db, claims),
    };
  } finally {
    db.close();
  }
}

const q = encodeURIComponent;

/** Every measured request, named for the results (names are the keys a comparison between runs matches on). */
export function scenarios(c: Choices): Scenario[] {
  const month = `from=${c.month.month}&to=${c.month.month}`;
  const list = (name: string, path: string): Scenario => ({ name, kind: 'list', request: path, paths: [path], minItems: 1 });
  const search = (name: string, word: string): Scenario =>
    ({ name, kind: 'search', request: `/v1/search?q=${q(word)}`, paths: [`/v1/search?q=${q(word)}`], minItems: 1 });
  return [
    list('claims-unfiltered', '/v1/claims'),
    list('claims-by-claimant', `/v1/claims?claimant=${q(c.claimant.id)}`),
    list('claims-by-entity-cold', `/v1/claims?entity=${q(c.coldEntity.id)}`),
    list('claims-by-entity-hot', `/v1/claims?entity=${q(c.hotEntity.id)}`),
    list('topic-figures', `/v1/topics/${q(c.topic.id)}/figures`),
    list('claims-by-month', `/v1/claims?${month}`),
    search('search-rare-word', c.words.rare.id),
    search('search-common-word', c.words.common.id),
    search('search-phrase', c.words.phrase.id),
    list('facets-filtered', `/v1/claims?facets=claimant,stance&limit=1&${month}`),
    list('facets-unfiltered', '/v1/claims?facets=claimant,stance&limit=1'),
    list('entities-name-prefix', `/v1/entities?q=${q(c.namePrefix.q)}`),
    list('timeline-hot-entity', `/v1/timeline?entity=${q(c.hotEntity.id)}`),
    { name: 'claim-by-id', kind: 'item', request: '/v1/claims/{id}', paths: c.claimIds.map((id) => `/v1/claims/${q(id)}`), minItems: 1 },
  ];
}

/** The scenarios `--only` keeps (all without it). */
export const chosenScenarios = (c: Choices, only?: string[]) => scenarios(c).filter((s) => !only || only.includes(s.name));

/** The two entity lists the bare baseline serves too. */
export const BASELINE_SCENARIOS = ['claims-by-entity-hot', 'claims-by-entity-cold'] as const;
export const EXPORT_SCENARIO = 'csv-export';
