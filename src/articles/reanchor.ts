// When an article's body changes, each of its claims must find its quote again: the exact words
// are what the claim stands on, and its offsets are only where they happen to be.
import type { Db } from '../db/client.js';
import { anchorQuote, findAll, type Anchor } from '../annotations/text-position.js';
import { AppError } from '../http/problem.js';

interface QuoteRow { id: string; quote_exact: string; quote_prefix: string; quote_suffix: string }

/**
 * Finds a quote in a new body. A quote that now occurs more than once is told apart by the text
 * that was stored around it: both sides first, then either, so an edit next to the quote on one
 * side still leaves the other to decide.
 */
export function reanchor(body: string, quote: { exact: string; prefix: string; suffix: string }):
  { ok: true; anchor: Anchor } | { ok: false; reason: string } {
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
  const found = claims.map((c) => ({ id: c.id, exact: c.quote_exact, result: reanchor(body, { exact: c.quote_exact, prefix: c.quote_prefix, suffix: c.quote_suffix }) }));
  const lost = found.filter((f) => !f.result.ok);
  if (lost.length > 0) {
    throw new AppError('unprocessable',
      `${lost.length} claim(s) of this article would lose their quote: ${lost.map((l) => l.id).join(', ')}. ` +
      'Correct or retract those claims first, or keep their words in the text.',
      lost.map((l) => ({ in: 'body' as const, name: field, message: `claim "${l.id}": quote "${shorten(l.exact)}": ${(l.result as { reason: string }).reason}` })));
  }
  const update = db.prepare('UPDATE claims SET quote_prefix = ?, quote_suffix = ?, quote_start = ?, quote_end = ? WHERE id = ?');
  for (const { id, result } of found) {
    if (result.ok) update.run(result.anchor.prefix, result.anchor.suffix, result.anchor.start, result.anchor.end, id);
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
