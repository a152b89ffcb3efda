// When an article's body changes, each of its claims must find its quote again: the exact words
// are what the claim stands on, and its offsets are only where they happen to be.
import type { Db } from '../db/client.js';
import { anchorQuote, findAll, type Anchor, type AnchorResult } from '../annotations/text-position.js';
import { AppError, type FieldError } from '../http/problem.js';

interface QuoteRow { id: string; quote_exact: string; quote_prefix: string; quote_suffix: string }

/**
 * Finds a quote in a new body. A quote that now occurs more than once is told apart by the text
 * that was stored around it: both sides first, then either, so an edit next to the quote on one
 * side still leaves the other to decide.
 */
export function reanchor(body: string, quote: { exact: string; prefix: string; suffix: string }): AnchorResult {
  const plain = anchorQuote(body, quote.exact);
  const count = findAll(body, quote.exact).length;
  if (plain.ok || count === 0) return plain;
  const { prefix, suffix } = quote;
  for (const near of [{ prefix, suffix }, { prefix }, { suffix }]) {
    const found = anchorQuote(body, quote.exact, near);
    if (found.ok) return found;
  }
  return { ok: false, reason: `the quote occurs ${count} times in the new body, and the text stored around it no longer picks one` };
}

/** Moves every claim of the article onto its quote in `body`, or changes nothing and says which claims lost theirs. */
export function reanchorClaims(db: Db, articleId: string, body: string, field: string): void {
  const claims = db.prepare('SELECT id, quote_exact, quote_prefix, quote_suffix FROM claims WHERE article_id = ? ORDER BY id')
    .all(articleId) as QuoteRow[];
  const anchors: [string, Anchor][] = [];
  const lost: FieldError[] = [];
  for (const c of claims) {
    const found = reanchor(body, { exact: c.quote_exact, prefix: c.quote_prefix, suffix: c.quote_suffix });
    if (found.ok) anchors.push([c.id, found.anchor]);
    else lost.push({ in: 'body', name: field, message: `claim "${c.id}": quote "${shorten(c.quote_exact)}": ${found.reason}` });
  }
  if (lost.length > 0) {
    throw new AppError('unprocessable',
      `${lost.length} claim(s) of this article would lose their quote; correct or retract them first, or keep their words in the text.`, lost);
  }
  const update = db.prepare('UPDATE claims SET quote_prefix = ?, quote_suffix = ?, quote_start = ?, quote_end = ? WHERE id = ?');
  for (const [id, a] of anchors) update.run(a.prefix, a.suffix, a.start, a.end, id);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
