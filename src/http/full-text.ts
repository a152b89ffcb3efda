// What a user types into `q` is never handed to FTS5 as syntax. Words become quoted terms (so
// AND/OR/NEAR/col: are plain words), a quoted phrase stays a phrase, `word*` stays a prefix
// search, and everything else (stray quotes, brackets, minus signs) is dropped.
import { z } from 'zod';

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 16;
const WORD = /[\p{L}\p{N}]+/gu;

export const searchTextSchema = z
  .string()
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
  .refine((q) => q.isWellFormed(), 'is not well-formed text')
  .transform((q, ctx) => {
    const match = toFtsQuery(q.normalize('NFC'));
    if (match === null) {
      ctx.addIssue({ code: 'custom', message: 'needs at least one word or number to search for' });
      return z.NEVER;
    }
    return match;
  })
  .describe('Words to search for: all must match; "a quoted phrase" matches the phrase; word* matches a prefix. Case and accents are ignored.');

/** For name look-ups: every word matches as a prefix ("zelen kyy" -> "zelen"* "kyy"*). */
export const namePrefixSchema = z
  .string()
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
  .refine((q) => q.isWellFormed(), 'is not well-formed text')
  .transform((q, ctx) => {
    // NFC first: a decomposed "é" (e + combining accent) would otherwise split the word in two.
    const words = q.normalize('NFC').match(WORD);
    if (!words) {
      ctx.addIssue({ code: 'custom', message: 'needs at least one letter or digit' });
      return z.NEVER;
    }
    return words.slice(0, MAX_TERMS).map((word) => `"${word}"*`).join(' ');
  })
  .describe('Start of a name or alias, any word of it; case and accents are ignored ("zelen" finds Zelenskyy).');

/** The FTS5 MATCH expression for what a user typed, or null when nothing searchable is left. */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  // Alternate between outside and inside double quotes; an unbalanced quote just ends the text.
  input.split('"').forEach((part, index) => {
    if (index % 2 === 1) {
      const words = part.match(WORD);
      if (words) terms.push(`"${words.join(' ')}"`);
      return;
    }
    for (const token of part.split(/\s+/)) {
      const words = token.match(WORD);
      if (!words) continue;
      const prefix = token.endsWith('*') ? '*' : '';
      words.forEach((word, i) => terms.push(`"${word}"${i === words.length - 1 ? prefix : ''}`));
    }
  });
  return terms.length === 0 ? null : terms.slice(0, MAX_TERMS).join(' ');
}
