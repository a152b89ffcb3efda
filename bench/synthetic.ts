// A synthetic newsroom archive for benchmarks: the same seed gives the same corpus, yielded in
// batches (the catalog first, then articles with their claims) so a million claims never sit in
// memory at once. Its data keeps the seed's invariants: every quote and mention is the text of its
// article's body at its code-point offsets, every reference resolves.
import type { Corpus } from '../src/annotations/resolve.js';
import { chance, int, mulberry32, pick, weights, zipf, type Random } from './random.js';
import { DAYS, makeCatalog, type Catalog } from './synthetic-catalog.js';
import { ClaimWriter } from './synthetic-claims.js';
import { BodyWriter, anchorBetween, capitalize } from './synthetic-text.js';
import { ADJECTIVES, FILLER, FIRST_NAMES, NOUNS, PUBLISHERS, SOURCES } from './synthetic-words.js';

/** A word in (almost) every claim's text: full-text search's worst case. */
export const COMMON_WORD = 'reported';

export interface SyntheticOptions {
  claims: number;
  seed: number;
  /** Claims per yielded batch (articles are never split). */
  batchClaims?: number;
}

const emptyBatch = (): Corpus => ({ articles: [], entities: [], topics: [], events: [], claims: [], relations: [], mentions: [] });

export function* syntheticCorpus({ claims, seed, batchClaims = 10_000 }: SyntheticOptions): Generator<Corpus> {
  const random = mulberry32(seed);
  const catalog = makeCatalog(random, claims);
  yield {
    ...emptyBatch(), entities: catalog.entities, events: catalog.events,
    topics: catalog.topics.map(({ id, question, unit, description }) => ({ id, question, unit, description })),
  };
  const articles = new ArticleWriter(random, catalog);
  let made = 0;
  while (made < claims) {
    const batch = emptyBatch();
    while (batch.claims.length < batchClaims && made < claims) made += articles.write(Math.min(2 + int(random, 7), claims - made), batch);
    yield batch;
  }
}

const two = (n: number) => String(n).padStart(2, '0');
const STATE = weights({ 'remained unchanged': 3, 'were under review': 2, 'drew new attention': 1, 'were a growing concern': 1 });
const SURNAMES = ['Reed', 'Holt', 'Marsh', 'Finch', 'Lowe', 'Barker', 'Quinn', 'Shaw', 'Doyle', 'Pryce', 'Hale', 'Moss'];

class ArticleWriter {
  private count = 0;
  private readonly claims: ClaimWriter;
  private readonly word: Record<'adjective' | 'noun' | 'filler', () => string>;

  constructor(private readonly random: Random, private readonly catalog: Catalog) {
    const zipfWord = (list: string[]) => {
      const draw = zipf(list.length, 0.08);
      return () => list[draw(random)];
    };
    this.word = { adjective: zipfWord(ADJECTIVES), noun: zipfWord(NOUNS), filler: zipfWord(FILLER) };
    this.claims = new ClaimWriter(random, catalog, this.word);
  }

  /** Writes one article with `claims` claims into the batch; returns how many claims it wrote. */
  write(claims: number, into: Corpus): number {
    const r = this.random;
    const id = `a${String(++this.count).padStart(7, '0')}`;
    const day = int(r, DAYS.length);
    const body = new BodyWriter(id);
    this.filler(body);
    body.write(' ');
    this.filler(body);
    const drafts = [];
    for (let i = 0; i < claims; i++) {
      drafts.push(this.claims.write(body.write('\n\n'), id, day));
      if (chance(r, 0.4)) this.filler(body.write(' '));
    }
    const text = body.text();
    for (const { claim, from, to } of drafts) {
      claim.anchor = anchorBetween(text, from, to);
      claim.quote = claim.anchor.exact;
      into.claims.push(claim);
    }
    into.relations.push(...drafts.flatMap((d) => d.relations));
    into.mentions.push(...body.mentions);
    const lead = this.catalog.entities[this.catalog.subject(r)];
    const publisher = pick(r, PUBLISHERS);
    const minute = chance(r, 0.4);
    into.articles.push({
      id, file: `${id}.txt`, title: `${lead.name} ${this.word.filler()} on ${this.word.adjective()} ${this.word.noun()}`,
      publisher, authors: Array.from({ length: 1 + int(r, 2) }, () => `${pick(r, FIRST_NAMES)} ${pick(r, SURNAMES)}`),
      url: `https://${publisher.slice(4).toLowerCase().replace(' ', '-')}.example/${DAYS[day].slice(0, 4)}/${DAYS[day].slice(5, 7)}/${id}`,
      language: 'en',
      published: minute
        ? { at: `${DAYS[day]}T${two(6 + int(r, 16))}:${two(int(r, 60))}+00:00`, precision: 'minute', inferred: false, basis: null }
        : { at: DAYS[day], precision: 'day', inferred: false, basis: null },
      updated: chance(r, 0.1) ? { at: `${DAYS[Math.min(day + 1, DAYS.length - 1)]}T09:00+00:00`, precision: 'minute', inferred: false, basis: null } : null,
      boilerplate: [], rawText: text, body: text, hints: [],
    });
    return claims;
  }

  /** A sentence of background: vocabulary, and sometimes a place (a mention). */
  private filler(body: BodyWriter): void {
    const r = this.random;
    const who = capitalize(pick(r, SOURCES));
    const said = pick(r, ['said', 'noted', 'warned', 'added', 'stressed']);
    body.write(`${who} ${said} that the ${this.word.adjective()} ${this.word.noun()} `);
    if (chance(r, 0.6)) {
      const place = this.catalog.entities[this.catalog.place(r)];
      body.write('near ').name(place.id, pick(r, [place.name, ...place.aliases])).write(' ');
    }
    body.write(`${STATE(r)} during the ${this.word.filler()}.`);
  }
}
