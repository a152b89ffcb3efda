// One claim of the synthetic corpus: who says it (Zipf), about whom, when, with which figure, and
// the sentence of the body that quotes it, written through the BodyWriter so its offsets are known.
import type { ResolvedClaim } from '../src/annotations/resolve.js';
import type { EntityInput, QuantityInput, RelationInput } from '../src/annotations/schema.js';
import { chance, int, pick, weights, type Random } from './random.js';
import { DAYS, PLACE_KINDS, codeWord, type Catalog } from './synthetic-catalog.js';
import { BodyWriter, formatNumber, type Mark } from './synthetic-text.js';
import { CODE_SYLLABLES, SYLLABLES, UNITS, VERBS, WEEKDAYS } from './synthetic-words.js';

/** A claim whose quote and anchor are filled in once the body is complete. */
export interface ClaimDraft { claim: ResolvedClaim; from: Mark; to: Mark; relations: RelationInput[] }
type Words = Record<'adjective' | 'noun' | 'filler', () => string>;
type Subject = { entity: EntityInput; role: ResolvedClaim['subjects'][number]['role'] };

const RECENT = 4096;
const SUBJECTS = weights({ 1: 50, 2: 35, 3: 15 });
const STANCE = weights({ asserts: 85, denies: 10, cannot_confirm: 5 });
const CERTAINTY = weights({ confirmed: 15, stated: 45, estimated: 20, expected: 10, possible: 10 });
const FIGURE = weights({ exact: 30, about: 40, range: 15, atLeast: 10, upTo: 5 });
const RELATION = weights({ corroborates: 40, repeats: 25, updates: 20, contradicts: 15 });
const CODE_WORDS = SYLLABLES.length ** 2 * CODE_SYLLABLES.length;

export class ClaimWriter {
  private count = 0;
  private readonly recent: string[] = [];
  private readonly recentByTopic = new Map<string, string[]>();

  constructor(private readonly random: Random, private readonly catalog: Catalog, private readonly word: Words) {}

  write(body: BodyWriter, articleId: string, articleDay: number): ClaimDraft {
    const r = this.random;
    const { entities } = this.catalog;
    const id = `c${String(++this.count).padStart(7, '0')}`;
    const claimant = chance(r, 0.95) ? entities[this.catalog.claimant(r)] : null;
    const used = new Set<EntityInput | null>([claimant]);
    const via: EntityInput[] = [];
    if (chance(r, 0.1)) this.distinct(this.catalog.intermediary, used, via);
    if (via.length > 0 && chance(r, 0.2)) this.distinct(this.catalog.intermediary, used, via);
    const drawn: EntityInput[] = [];
    for (let i = Number(SUBJECTS(r)); i > 0; i--) this.distinct(this.catalog.subject, used, drawn);
    const subjects = this.subjects(drawn);
    const topic = chance(r, 0.25) ? this.catalog.topics[this.catalog.topic(r)] : null;
    const stance = STANCE(r);
    const day = Math.max(0, articleDay - Math.floor(r() ** 2 * 10));
    const figure = topic ? this.figure(topic, day) : chance(r, 0.03) ? this.figure(null, day) : null;
    const verb = pick(r, VERBS);
    const object = figure?.written ?? `${this.word.adjective()} ${this.word.noun()}`;

    this.lead(body, claimant, via, stance);
    const from = body.mark();
    const actor = subjects.find((s) => s.role === 'agent');
    if (actor) this.surface(body, actor.entity);
    else body.write('forces');
    body.write(` ${verb} ${object}`);
    for (const s of subjects) if (s !== actor) this.surface(body.write(PHRASE[s.role]), s.entity);
    const code = chance(r, 0.03) ? codeWord(int(r, CODE_WORDS)) : null;
    if (code) body.write(` under the code name ${code}`);
    const to = body.mark();
    body.write('.');

    const head = stance === 'asserts' ? (chance(r, 0.02) ? 'stated that' : 'reported that')
      : stance === 'denies' ? 'denied reported claims that' : 'could not confirm reported claims that';
    const named = subjects.filter((s) => s !== actor).map((s) => `${PHRASE[s.role]}${s.entity.name}`).join('');
    const claimed_on = chance(r, 0.15) ? DAYS[day].slice(0, 7) : DAYS[day];
    const claim: ResolvedClaim = {
      id, articleId, quote: '', anchor: { exact: '', prefix: '', suffix: '', start: 0, end: 0 }, claimant: claimant?.id ?? null, via: via.map((e) => e.id),
      text: `${claimant?.name ?? 'Unnamed sources'} ${head} ${actor?.entity.name ?? 'forces'} ${verb} ${object}${named}`
        + `${code ? ` (code name ${code})` : ''}${via.length ? `, as relayed by ${via[0].name}` : ''}.`,
      stance, certainty: CERTAINTY(r), claimed_on,
      quantities: figure ? [figure.quantity] : [], subjects: subjects.map((s) => ({ entity: s.entity.id, role: s.role })),
      events: chance(r, 0.12) ? this.eventNear(day) : [], topic: topic?.id ?? null,
    };
    return { claim, from, to, relations: this.relate(id, topic?.id ?? null) };
  }

  /** Adds to `into` an entity not used yet in this claim, if a few draws find one. */
  private distinct(draw: (random: Random) => number, used: Set<EntityInput | null>, into: EntityInput[]): void {
    for (let i = 0; i < 8; i++) {
      const entity = this.catalog.entities[draw(this.random)];
      if (!used.has(entity)) {
        used.add(entity);
        into.push(entity);
        return;
      }
    }
  }

  private subjects(drawn: EntityInput[]): Subject[] {
    const r = this.random;
    let agent = false;
    return drawn.map((entity): Subject => {
      if (PLACE_KINDS.has(entity.kind)) return { entity, role: 'location' };
      if (entity.kind === 'weapon_system') return { entity, role: 'instrument' };
      if (!agent) return (agent = true) && { entity, role: 'agent' };
      return { entity, role: pick(r, ['affected', 'recipient', 'subject'] as const) };
    });
  }

  /** "According to X, Y said that ", and the like, naming claimant and intermediary as the report would. */
  private lead(body: BodyWriter, claimant: EntityInput | null, via: EntityInput[], stance: string): void {
    const r = this.random;
    if (claimant === null) return void body.write(pick(r, ['It was reported that ', 'Unconfirmed reports said that ', 'Local media reported that ']));
    if (via.length > 0) this.surface(body.write('According to '), via[0]).write(', ');
    this.surface(body, claimant);
    if (stance === 'denies') body.write(pick(r, [' denied that ', ' rejected claims that ']));
    else if (stance === 'cannot_confirm') body.write(' could not confirm that ');
    else body.write(pick(r, [` said on ${pick(r, WEEKDAYS)} that `, ' reported that ', ' told reporters that ', ' said that ']));
  }

  private surface(body: BodyWriter, entity: EntityInput): BodyWriter {
    return body.name(entity.id, entity.aliases.length > 0 && chance(this.random, 0.3) ? pick(this.random, entity.aliases) : entity.name);
  }

  /** A figure near the topic's trend for that day, written as reports write them: exact, about, a range, at least, up to. */
  private figure(topic: Catalog['topics'][number] | null, day: number): { quantity: QuantityInput; written: string } {
    const r = this.random;
    const [unit, written] = topic && chance(r, 0.9) ? [topic.unit!, topic.written] : pick(r, UNITS);
    const center = (topic?.base ?? 500) * (1 + (topic?.growth ?? 0) * (day / DAYS.length)) * (0.7 + 0.6 * r());
    const exact = Math.max(1, Math.round(center));
    const figure = (value: number | null, min: number | null, max: number | null, approximate: boolean, text: string) =>
      ({ quantity: { value, min, max, unit, approximate }, written: `${text} ${written}` });
    const [near, low, high] = [round(exact), round(exact * 0.8), Math.max(round(exact * 1.2), round(exact * 0.8) + 1)];
    switch (FIGURE(r)) {
      case 'exact': return figure(exact, null, null, false, formatNumber(exact));
      case 'about': return figure(near, null, null, true, `about ${formatNumber(near)}`);
      case 'range': return figure(null, low, high, false, `between ${formatNumber(low)} and ${formatNumber(high)}`);
      case 'atLeast': return figure(null, near, null, false, `at least ${formatNumber(near)}`);
      default: return figure(null, null, near, false, `up to ${formatNumber(near)}`);
    }
  }

  /** One event that began within 20 days before to 5 days after the claim's day, if any did. */
  private eventNear(day: number): string[] {
    const days = this.catalog.eventDays;
    const [lo, hi] = [firstOnOrAfter(days, day - 20), firstOnOrAfter(days, day + 6)];
    return hi > lo ? [days[lo + int(this.random, hi - lo)].id] : [];
  }

  /** About one claim in twenty relates to an earlier one, on the same topic when it has one. */
  private relate(id: string, topic: string | null): RelationInput[] {
    const r = this.random;
    const pool = topic === null ? this.recent : (this.recentByTopic.get(topic) ?? this.recentByTopic.set(topic, []).get(topic)!);
    const relations: RelationInput[] = [];
    if (pool.length > 0 && chance(r, 0.05)) {
      const type = RELATION(r);
      relations.push({ from: id, type, to: pick(r, pool), note: chance(r, 0.2) ? `The later report ${type} the earlier one.` : null });
    }
    for (const list of topic === null ? [this.recent] : [this.recent, pool]) {
      if (list.length < RECENT) list.push(id);
      else list[this.count % RECENT] = id;
    }
    return relations;
  }
}

const PHRASE: Record<Subject['role'], string> = {
  agent: ' with ', location: ' near ', instrument: ' using ', affected: ' against ', recipient: ' for ', subject: ' concerning ',
};

/** Keeps two significant digits, as "about 1,500" does. */
function round(n: number): number {
  return Math.max(1, Number(n.toPrecision(2)));
}

function firstOnOrAfter(days: { day: number }[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
