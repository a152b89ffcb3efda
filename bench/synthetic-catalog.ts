// The catalog of the synthetic corpus: entities, topics and events, made once (they are small next
// to the claims) and drawn from while the articles are written.
import type { EntityInput, EventInput, TopicInput } from '../src/annotations/schema.js';
import { EVENT_KINDS, PARTICIPANT_ROLES } from '../src/annotations/schema.js';
import { chance, int, pick, shuffle, weights, zipf, type Random } from './random.js';
import { ADJECTIVES, CODE_SYLLABLES, FILLER, FIRST_NAMES, NOUNS, PLACES, QUESTIONS, SOURCES, SYLLABLES, UNITS, VERBS } from './synthetic-words.js';

/** The corpus covers five years of claims: day 0 is 2020-01-01. */
export const DAYS = Array.from({ length: 1827 }, (_, d) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10));

type Kind = EntityInput['kind'];
const KIND = weights<Kind>({
  person: 40, organization: 12, government_body: 8, military_unit: 6, military_force: 2, location: 14, country: 1,
  weapon_system: 4, facility: 5, media_outlet: 3, think_tank: 2, document: 1, group: 1.5, anonymous_source: 0.5,
});
const SPEAKERS = new Set<Kind>(['person', 'organization', 'government_body', 'military_force', 'media_outlet', 'think_tank', 'group', 'anonymous_source']);
const INTERMEDIARIES = new Set<Kind>(['media_outlet', 'anonymous_source', 'government_body', 'think_tank']);
export const PLACE_KINDS = new Set<Kind>(['location', 'country', 'facility']);

export interface Catalog {
  entities: EntityInput[];
  topics: (TopicInput & { written: string; base: number; growth: number })[];
  events: EventInput[];
  /** Events' first days, ascending, with their ids: claims link to events near their date. */
  eventDays: { day: number; id: string }[];
  /** Draws, each an index into `entities`: claimants and subjects follow Zipf laws with entity 0 at the head. */
  claimant: (random: Random) => number;
  subject: (random: Random) => number;
  intermediary: (random: Random) => number;
  place: (random: Random) => number;
  topic: (random: Random) => number;
}

/** About 20,000 entities at a million claims, fewer for small corpora (never under 500). */
export function makeCatalog(random: Random, claims: number): Catalog {
  const entities = makeEntities(random, Math.min(20_000, Math.max(500, Math.round(claims / 50))));
  const pool = (kinds: Set<Kind>) => entities.flatMap((e, i) => (kinds.has(e.kind) ? [i] : []));
  // Entity 0 (a person) heads both laws: about 5% of claims are by it and 3% of subject draws are it,
  // so it takes part in about a tenth of all claims, the "hot" entity of a dashboard.
  const ranked = (indices: number[], top: number) => {
    const order = [...indices.filter((i) => i === 0), ...shuffle(random, indices.filter((i) => i !== 0))];
    const draw = zipf(order.length, top);
    return (r: Random) => order[draw(r)];
  };
  const uniform = (indices: number[]) => (r: Random) => indices[int(r, indices.length)];
  const topics = makeTopics(random, entities, pool(new Set(['country', 'location'])));
  const subject = ranked(entities.map((_, i) => i), 0.03);
  const events = makeEvents(random, Math.max(10, Math.round(claims / 50)), subject, uniform(pool(PLACE_KINDS)), entities);
  const dayIndex = new Map(DAYS.map((day, i) => [day, i]));
  const eventDays = events.map((e) => ({ day: dayIndex.get(e.start.length === 7 ? `${e.start}-01` : e.start)!, id: e.id }))
    .sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1));
  const topicDraw = zipf(topics.length, 0.12);
  return {
    entities, topics, events, eventDays, subject,
    claimant: ranked(pool(SPEAKERS), 0.05),
    intermediary: ranked(pool(INTERMEDIARIES), 0.02),
    place: uniform(pool(PLACE_KINDS)),
    topic: (r) => topicDraw(r),
  };
}

/** Capitalized three-syllable words, one per index and unlike any English word of the corpus. */
function nameWords(): string[] {
  const english = new Set([...FIRST_NAMES, ...VERBS, ...ADJECTIVES, ...NOUNS, ...PLACES, ...FILLER, ...SOURCES].map((w) => w.toLowerCase()));
  const n = SYLLABLES.length;
  const result: string[] = [];
  for (let i = 0; i < n ** 3; i++) {
    // A stride coprime with n^3 spreads neighbours apart, so consecutive entities do not share syllables.
    const k = (i * 7919) % n ** 3;
    const word = SYLLABLES[k % n] + SYLLABLES[Math.floor(k / n) % n] + SYLLABLES[Math.floor(k / n / n)];
    if (!english.has(word)) result.push(word[0].toUpperCase() + word.slice(1));
  }
  return result;
}

/** The rare words: lowercase code words no name or English word can equal. */
export function codeWord(k: number): string {
  const [n, c] = [SYLLABLES.length, CODE_SYLLABLES.length];
  return SYLLABLES[k % n] + CODE_SYLLABLES[Math.floor(k / n) % c] + SYLLABLES[Math.floor(k / n / c) % n];
}

const NAMING: Record<Kind, (w: string, random: Random) => [string, string[]]> = {
  person: (w, r) => [`${pick(r, FIRST_NAMES)} ${w}`, chance(r, 0.6) ? [w] : []],
  organization: (w, r) => [`${w} ${pick(r, ['Group', 'Holdings', 'Industries', 'Corporation', 'Logistics'])}`, chance(r, 0.3) ? [w] : []],
  government_body: (w, r) => [`${w} ${pick(r, ['Ministry', 'Council', 'Agency', 'Directorate', 'Committee'])}`, []],
  military_unit: (w, r) => {
    const unit = pick(r, ['Brigade', 'Battalion', 'Regiment']);
    return [`${1 + int(r, 120)}th ${w} ${unit}`, [`${w} ${unit}`]];
  },
  military_force: (w) => [`${w} Armed Forces`, []],
  location: (w) => [w, []],
  country: (w) => [`Republic of ${w}`, [w]],
  weapon_system: (w, r) => [`${w}-${1 + int(r, 99)}`, []],
  facility: (w, r) => [`${w} ${pick(r, ['Airbase', 'Port', 'Plant', 'Depot'])}`, []],
  media_outlet: (w, r) => [`${w} ${pick(r, ['News', 'Radio', 'Wire', 'Television'])}`, []],
  think_tank: (w) => [`${w} Institute`, []],
  document: (w) => [`${w} Report`, []],
  group: (w) => [`${w} Movement`, []],
  anonymous_source: (w) => [`${w} Channel`, []],
};

function makeEntities(random: Random, count: number): EntityInput[] {
  const words = nameWords();
  return Array.from({ length: count }, (_, i) => {
    const kind: Kind = i === 0 ? 'person' : KIND(random);
    const [name, aliases] = NAMING[kind](words[i], random);
    const description = `${kind.replace(/_/g, ' ')} often named in reports about ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`;
    return { id: slugify(name), kind, name, aliases, description, wikidata_id: chance(random, 0.3) ? `Q${100_000 + i}` : null };
  });
}

export function slugify(text: string): string {
  return text.normalize('NFD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function makeTopics(random: Random, entities: EntityInput[], places: number[]): Catalog['topics'] {
  return Array.from({ length: 50 }, (_, i) => {
    const [unit, written] = UNITS[i % UNITS.length];
    const place = entities[places[int(random, places.length)]];
    const question = QUESTIONS[Math.floor(i / UNITS.length) % QUESTIONS.length].replace('{written}', written).replace('{place}', place.name);
    return {
      id: `${slugify(written)}-${place.id}-${i}`, question, unit, description: chance(random, 0.5) ? `Figures on ${written} around ${place.name}.` : null,
      written, base: 100 * 10 ** (random() * 3), growth: random() * 3 - 0.5,
    };
  });
}

function makeEvents(random: Random, count: number, participant: (r: Random) => number, place: (r: Random) => number, entities: EntityInput[]): EventInput[] {
  return Array.from({ length: count }, (_, i) => {
    const startDay = int(random, DAYS.length - 40);
    const byMonth = chance(random, 0.25);
    const start = byMonth ? DAYS[startDay].slice(0, 7) : DAYS[startDay];
    const endDay = chance(random, 0.3) ? startDay + (byMonth ? 31 : 1 + int(random, 30)) : null;
    const distinct = (n: number, draw: (r: Random) => number) => [...new Set(Array.from({ length: n }, () => draw(random)))];
    const locations = distinct(int(random, 3), place).map((e) => entities[e].id);
    const kind = pick(random, EVENT_KINDS);
    return {
      id: `ev${String(i + 1).padStart(6, '0')}`, kind, title: `${kind.replace(/_/g, ' ')} involving ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`,
      start, end: endDay === null ? null : byMonth ? DAYS[endDay].slice(0, 7) : DAYS[endDay], locations,
      participants: distinct(1 + int(random, 3), participant).map((e) => ({ entity: entities[e].id, role: pick(random, PARTICIPANT_ROLES) })),
      description: chance(random, 0.4) ? `${pick(random, FILLER)} ${pick(random, VERBS)} ${pick(random, NOUNS)}` : null,
    };
  });
}
