import { describe, expect, it } from 'vitest';
import { freshDb, dumpTables } from '../../test/helpers.js';
import { asSourceFiles, readSample, sampleFiles } from './fixture.js';
import { AnnotationError, resolveCorpus } from './resolve.js';
import { storeCorpus } from './store.js';
import { sliceCodePoints } from './text-position.js';

type Files = ReturnType<typeof sampleFiles>;
const claim = (files: Files, index: number) => (files.report.claims as Record<string, unknown>[])[index];

function problemsOf(files: Files): string[] {
  try {
    resolveCorpus(asSourceFiles(files), readSample);
  } catch (error) {
    if (error instanceof AnnotationError) return error.problems;
    throw error;
  }
  return [];
}

describe('resolveCorpus', () => {
  it('resolves a valid set: quotes anchored in the cleaned body, prefix picks one of two occurrences', () => {
    const corpus = resolveCorpus(asSourceFiles(sampleFiles()), readSample);
    const body = corpus.articles[0].body;
    expect(body).not.toMatch(/Back To Top|Published:|By Jane Roe|Dear Reader/);
    expect(body.match(/A photo caption\./g)).toHaveLength(1);
    for (const c of corpus.claims) expect(sliceCodePoints(body, c.anchor.start, c.anchor.end)).toBe(c.quote);
    const again = corpus.claims.find((c) => c.id === 'agency-again')!;
    expect(again.anchor.prefix.endsWith('denied it. ')).toBe(true);
    expect(corpus.mentions.map((m) => m.entityId)).toContain('agency');
  });

  const broken: [string, (files: Files) => void, RegExp][] = [
    ['a quote not in the body', (f) => { claim(f, 0).quote = 'about 1,600 troops'; }, /sample\.yaml: claim "agency-1500": .* does not occur/],
    ['an ambiguous quote', (f) => { delete claim(f, 2).prefix; }, /claim "agency-again": .*occurs 2 times.*add a prefix/],
    ['a prefix that matches nowhere', (f) => { claim(f, 2).prefix = 'nowhere '; }, /never right after the given prefix/],
    ['an unknown claimant', (f) => { claim(f, 0).claimant = 'nobody'; }, /claim "agency-1500": claimant: unknown id "nobody"/],
    ['an unknown event', (f) => { claim(f, 0).events = ['no-event']; }, /claim "agency-1500": events: unknown id "no-event"/],
    ['an unknown topic', (f) => { claim(f, 0).topic = 'no-topic'; }, /topic: unknown id "no-topic"/],
    ['an impossible date', (f) => { claim(f, 0).claimed_on = '2024-02-30'; }, /claims\[0\] \(id "agency-1500"\)\.claimed_on: is not a real calendar date/],
    ['a malformed date', (f) => { claim(f, 1).claimed_on = 'last Tuesday'; }, /claimed_on: must be an ISO 8601 date/],
    ['a stance outside the list', (f) => { claim(f, 0).stance = 'hints'; }, /claims\[0\] \(id "agency-1500"\)\.stance/],
    ['an unknown field', (f) => { claim(f, 0).confidence = 0.9; }, /Unrecognized key: "confidence"/],
    ['a duplicate id', (f) => { claim(f, 1).id = 'agency-1500'; }, /claims id "agency-1500" is already defined/],
    ['a relation to a missing claim', (f) => { (f.report.relations as Record<string, unknown>[])[0].to = 'gone'; }, /unknown claim "gone"/],
    ['a missing report file', (f) => { (f.report.article as Record<string, unknown>).file = 'missing.txt'; }, /report file "missing.txt" does not exist/],
    ['an inferred date without basis', (f) => { (f.report.article as Record<string, unknown>).published = { at: '2024-10', precision: 'month', inferred: true }; }, /basis: an inferred timestamp needs a `basis`/],
    ['a range with min above max', (f) => { claim(f, 0).quantities = [{ min: 5, max: 1, unit: 'troops' }]; }, /min is greater than max/],
  ];

  it.each(broken)('refuses %s, naming the file and the item', (_, breakIt, message) => {
    const files = sampleFiles();
    breakIt(files);
    const problems = problemsOf(files);
    expect(problems.join('\n')).toMatch(message);
  });

  it('reports every problem at once, not just the first', () => {
    const files = sampleFiles();
    claim(files, 0).claimant = 'nobody';
    claim(files, 1).quote = 'not in the body';
    claim(files, 2).topic = 'no-topic';
    expect(problemsOf(files)).toHaveLength(3);
  });

  it('leaves the database exactly as it was when a load is refused', () => {
    const db = freshDb();
    storeCorpus(db, resolveCorpus(asSourceFiles(sampleFiles()), readSample));
    const before = dumpTables(db);
    const files = sampleFiles();
    claim(files, 0).quote = 'not there';
    expect(() => storeCorpus(db, resolveCorpus(asSourceFiles(files), readSample))).toThrow(AnnotationError);
    expect(dumpTables(db)).toEqual(before);
  });

  it('rolls back a store that fails half-way, keeping the previous rows', () => {
    const db = freshDb();
    storeCorpus(db, resolveCorpus(asSourceFiles(sampleFiles()), readSample));
    const before = dumpTables(db);
    const corpus = resolveCorpus(asSourceFiles(sampleFiles()), readSample);
    corpus.claims.push({ ...corpus.claims[0] }); // a duplicate primary key fails the insert after the deletes ran
    expect(() => storeCorpus(db, corpus)).toThrow(/UNIQUE constraint failed/);
    expect(dumpTables(db)).toEqual(before);
  });
});
