import { z } from 'zod';
import { CERTAINTIES, EVENT_KINDS, STANCES } from '../annotations/schema.js';
import { entityKindSchema } from '../entities/schema.js';
import { nextCursorSchema, pageQuery } from '../http/common.js';
import { dateParam, fromBeforeTo, fromBeforeToIssue, idsParam } from '../http/params.js';

export const timelineQuery = z
  .strictObject({
    ...pageQuery,
    entity: idsParam('Only events these entities take part in or happen at, and claims they make, pass on or are the ' +
      'subject of. Example: `dmitry-peskov`.'),
    topic: idsParam('Only claims answering these topics, and events those claims report. Example: `nk-troops-sent`.'),
    from: dateParam('Only items on or after this date (an item dated "2024-10" counts if any of October is). Example: `2024-10`.'),
    to: dateParam('Only items on or before this date. Example: `2024-11-30`.'),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export type TimelineQuery = z.infer<typeof timelineQuery>;

const common = {
  id: z.string(),
  date: z.string().describe('ISO 8601 date of year, month or day precision: when the event began or the claim was made.'),
  day: z.string().describe('The first day `date` covers: what the timeline is ordered by.'),
};

export const timelineEventSchema = z
  .object({
    type: z.literal('event'),
    ...common,
    title: z.string(),
    kind: z.enum(EVENT_KINDS),
    start: z.string(),
    end: z.string().nullable().describe('Null for a one-off event.'),
  })
  .meta({ id: 'TimelineEvent' });

export const timelineClaimSchema = z
  .object({
    type: z.literal('claim'),
    ...common,
    text: z.string().describe('The claim restated as one sentence.'),
    claimant: z.object({ id: z.string(), name: z.string(), kind: entityKindSchema }).nullable(),
    stance: z.enum(STANCES),
    certainty: z.enum(CERTAINTIES),
    quote: z.string().describe('The exact words in the report.'),
    article_id: z.string(),
    topic_id: z.string().nullable(),
  })
  .meta({ id: 'TimelineClaim' });

export const timelineItemSchema = z.discriminatedUnion('type', [timelineEventSchema, timelineClaimSchema])
  .meta({ id: 'TimelineItem' });

// GET /v1/timeline?entity=dmitry-peskov, served (a test keeps it identical).
export const timelineExample = {
  data: [
    {
      type: 'claim', id: 'csm1018-peskov-another-piece-of-fake-news', date: '2024-10', day: '2024-10-01',
      text: 'Claims that Russia is using North Korean troops in the war are "another piece of fake news".',
      claimant: { id: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' }, stance: 'denies', certainty: 'stated',
      quote: 'another piece of fake news', article_id: 'csm-2024-10-18-is-that-true', topic_id: 'nk-troops-in-combat',
    },
    {
      type: 'event', id: 'peskov-news-conference-2024-10', date: '2024-10', day: '2024-10-01',
      title: 'Kremlin spokesman Dmitry Peskov calls reports of North Korean troops "another piece of fake news"',
      kind: 'press_conference', start: '2024-10', end: null,
    },
  ],
  next_cursor: null,
};

export const timelineSchema = z
  .object({
    data: z.array(timelineItemSchema),
    next_cursor: nextCursorSchema,
  })
  .meta({ id: 'Timeline', example: timelineExample });

export type TimelineItem = z.infer<typeof timelineItemSchema>;
