// Entity mentions are found, not hand-placed: every occurrence in a body of an entity's name or
// alias (or an article-specific surface form such as "Mr. Kim") is a mention. Overlaps go to the
// longer form, wherever it starts: "North Korean troops" beats both "North Korea" inside it and
// "the North" overlapping its start.
import type { EntityInput } from './schema.js';
import { anchorAt, findAll } from './text-position.js';

export interface Mention { articleId: string; entityId: string; start: number; end: number; text: string }

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function findMentions(
  articleId: string, body: string, entities: EntityInput[], hints: { entity: string; text: string }[],
): Mention[] {
  const forms = [
    ...entities.flatMap((e) => [e.name, ...e.aliases].map((text) => ({ entity: e.id, text }))),
    ...hints,
  ];
  const candidates = forms.flatMap(({ entity, text }) =>
    findAll(body, text)
      .filter((at) => isWholeWord(body, at, text.length))
      .map((at) => ({ entity, at, length: text.length })),
  );
  candidates.sort((a, b) => b.length - a.length || a.at - b.at);
  const covered = new Uint8Array(body.length);
  const kept = candidates.filter(({ at, length }) => {
    if (covered.subarray(at, at + length).some((c) => c === 1)) return false;
    covered.fill(1, at, at + length);
    return true;
  });
  return kept
    .sort((a, b) => a.at - b.at)
    .map(({ entity, at, length }) => {
      const anchor = anchorAt(body, at, length);
      return { articleId, entityId: entity, start: anchor.start, end: anchor.end, text: anchor.exact };
    });
}

function isWholeWord(body: string, at: number, length: number): boolean {
  const before = body[at - 1];
  const after = body[at + length];
  return (before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after));
}
