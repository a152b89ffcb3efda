// Quote anchoring. Offsets are counted in Unicode code points, as the W3C Web Annotation
// TextPositionSelector counts them, so a client in any language gets the same numbers.

export const CONTEXT_LENGTH = 32;

export interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export type AnchorResult = { ok: true; anchor: Anchor } | { ok: false; reason: string };

/** Finds the one place `exact` occurs in `body`, narrowed by text just before/after it. */
export function anchorQuote(body: string, exact: string, near: { prefix?: string; suffix?: string } = {}): AnchorResult {
  const hits = findAll(body, exact).filter(
    (at) =>
      (near.prefix === undefined || body.slice(0, at).endsWith(near.prefix)) &&
      (near.suffix === undefined || body.slice(at + exact.length).startsWith(near.suffix)),
  );
  if (hits.length === 0) {
    const narrowed = near.prefix !== undefined || near.suffix !== undefined;
    return {
      ok: false,
      reason: narrowed && findAll(body, exact).length > 0
        ? 'the quote occurs in the body, but never right after the given prefix / before the given suffix'
        : 'the quote does not occur in the cleaned body (check spelling, curly quotes and spaces)',
    };
  }
  if (hits.length > 1) {
    return { ok: false, reason: `the quote occurs ${hits.length} times in the body: add a prefix (the text just before it) to pick one` };
  }
  return { ok: true, anchor: anchorAt(body, hits[0], exact.length) };
}

/** Builds the selector for the text at UTF-16 index `at` (as String.indexOf returns). */
export function anchorAt(body: string, at: number, length: number): Anchor {
  const before = Array.from(body.slice(0, at));
  const exact = body.slice(at, at + length);
  const after = Array.from(body.slice(at + length));
  const start = before.length;
  return {
    exact,
    prefix: before.slice(-CONTEXT_LENGTH).join(''),
    suffix: after.slice(0, CONTEXT_LENGTH).join(''),
    start,
    end: start + Array.from(exact).length,
  };
}

export function findAll(haystack: string, needle: string): number[] {
  const hits: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) hits.push(at);
  return hits;
}

/** The text between code-point offsets, the inverse of anchorAt's start/end. */
export function sliceCodePoints(body: string, start: number, end: number): string {
  return Array.from(body).slice(start, end).join('');
}
