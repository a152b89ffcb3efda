import { z } from 'zod';
import { topicSchema as annotatedTopic } from '../annotations/schema.js';
import { patchOf } from '../editing/schema.js';
import { pageQuery } from '../http/common.js';

export const topicSchema = z
  .object({
    id: z.string(),
    question: z.string().describe('The question the claims of this topic answer.'),
    unit: z.string().nullable().describe("Unit of the topic's figures; null for a yes/no question."),
    description: z.string().nullable(),
    version: z.number().int().describe('Bumped by every change; its ETag is "v<version>.<revision>".'),
  })
  .meta({
    id: 'Topic',
    example: {
      id: 'nk-troops-sent', question: 'How many North Korean troops have been sent to Russia?', unit: 'troops',
      description: 'Totals sent, in transit or committed, as each source put them. Planned or expected totals carry certainty "expected"; the second wave of 2025 has its own topic.',
      version: 1,
    },
  });

export const topicListQuery = z.strictObject({ ...pageQuery });

export type Topic = z.infer<typeof topicSchema>;

export const topicCreateSchema = annotatedTopic.extend({ id: annotatedTopic.shape.id.optional() }).meta({ id: 'TopicCreate' });
export const topicPatchSchema = patchOf(annotatedTopic.omit({ id: true })).meta({ id: 'TopicPatch' });
export type TopicCreate = z.infer<typeof topicCreateSchema>;
export type TopicPatch = z.infer<typeof topicPatchSchema>;
