import { z } from 'zod';
import { pageQuery } from '../http/common.js';

export const topicSchema = z
  .object({
    id: z.string(),
    question: z.string().describe('The question the claims of this topic answer.'),
    unit: z.string().nullable().describe("Unit of the topic's figures; null for a yes/no question."),
    description: z.string().nullable(),
  })
  .meta({
    id: 'Topic',
    example: {
      id: 'nk-troops-sent', question: 'How many North Korean troops have been sent to Russia?', unit: 'troops',
      description: 'Totals sent, in transit or committed, as each source put them. Planned or expected totals carry certainty "expected"; the second wave of 2025 has its own topic.',
    },
  });

export const topicListQuery = z.strictObject({ ...pageQuery });

export type Topic = z.infer<typeof topicSchema>;
