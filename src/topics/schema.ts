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
      description: null,
    },
  });

export const topicListQuery = z.strictObject({ ...pageQuery });

export type Topic = z.infer<typeof topicSchema>;
