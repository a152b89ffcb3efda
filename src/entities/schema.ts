import { z } from 'zod';
import { ENTITY_KINDS } from '../annotations/schema.js';
import { pageQuery } from '../http/common.js';

export const entityKindSchema = z.enum(ENTITY_KINDS).meta({ id: 'EntityKind' });

export const entitySchema = z
  .object({
    id: z.string(),
    kind: entityKindSchema,
    name: z.string().describe('Canonical name.'),
    aliases: z.array(z.string()).describe('Other spellings and names found in the reports.'),
    description: z.string(),
    wikidata_id: z.string().nullable().describe('Wikidata QID, when known for certain.'),
  })
  .meta({
    id: 'Entity',
    example: {
      id: 'nis', kind: 'government_body', name: 'National Intelligence Service', aliases: ['NIS'],
      description: "South Korea's spy agency, the main source on North Korean troop movements.", wikidata_id: null,
    },
  });

/** An entity as a claim or event refers to it. */
export const entityRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'EntityRef' });

export const entityListQuery = z.strictObject({ ...pageQuery });

export type Entity = z.infer<typeof entitySchema>;
