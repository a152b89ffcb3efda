// One claim as a CSV row: flat columns a spreadsheet can filter; lists are joined with ";".
import { joinIds } from '../http/export.js';
import type { Claim } from './schema.js';

export const CLAIM_CSV_COLUMNS = [
  'id', 'article_id', 'claimed_on', 'claimant_id', 'claimant_name', 'via', 'stance', 'certainty', 'topic_id',
  'text', 'quote', 'quote_start', 'quote_end', 'quantities', 'entities', 'event_ids',
];

const figure = (q: Claim['quantities'][number]) => {
  const amount = q.value !== null ? `${q.value}` : q.min !== null && q.max !== null ? `${q.min}-${q.max}`
    : q.max !== null ? `up to ${q.max}` : `at least ${q.min}`;
  return `${q.approximate ? '~' : ''}${amount} ${q.unit}`;
};

export const claimCsvRecord = (c: Claim) => [
  c.id, c.article_id, c.claimed_on, c.claimant?.id ?? null, c.claimant?.name ?? null, joinIds(c.via), c.stance,
  c.certainty, c.topic_id, c.text, c.quote.exact, c.quote.start, c.quote.end, c.quantities.map(figure).join('; '),
  joinIds(c.entities), c.event_ids.join(';'),
];
