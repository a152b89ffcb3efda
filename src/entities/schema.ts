import { z } from 'zod';
import { ENTITY_KINDS, entitySchema as annotatedEntity, slug } from '../annotations/schema.js';
import { atLeastOneField } from '../editing/schema.js';
import { listWithExtras, pageQuery } from '../http/common.js';
import { formatParam } from '../http/export.js';
import { namePrefixSchema } from '../http/full-text.js';
import { countParam, enumsParam, facetsParam } from '../http/params.js';

export const entityKindSchema = z.enum(ENTITY_KINDS).meta({ id: 'EntityKind' });

export const entitySchema = z
  .object({
    id: z.string(),
    kind: entityKindSchema,
    name: z.string().describe('Canonical name.'),
    aliases: z.array(z.string()).describe('Other spellings and names found in the reports.'),
    description: z.string(),
    wikidata_id: z.string().nullable().describe('Wikidata QID, when known for certain.'),
    claims_made: z.number().int().describe('Claims this entity made (as claimant).'),
    claims_about: z.number().int().describe('Claims about this entity (as a subject).'),
    claim_count: z.number().int().describe('Claims it takes part in at all: as claimant, via or subject.'),
    articles_mentioned_in: z.number().int().describe('Articles whose body names it.'),
    first_seen: z.string().nullable().describe('First day of the earliest claim it takes part in.'),
    last_seen: z.string().nullable().describe('Last day of the latest claim it takes part in.'),
    version: z.number().int().describe('Bumped by every change; its ETag is "v<version>.<revision>".'),
  })
  .meta({
    id: 'Entity',
    example: {
      id: 'nis', kind: 'government_body', name: 'National Intelligence Service', aliases: ['NIS'],
      description: "South Korea's spy agency, the main source on North Korean troop movements.", wikidata_id: null,
      claims_made: 62, claims_about: 5, claim_count: 65, articles_mentioned_in: 5, first_seen: '2024-10-01',
      last_seen: '2025-02-28', version: 1,
    },
  });

/** An entity as a claim or event refers to it. */
export const entityRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'EntityRef' });

export const ENTITY_SORTS = ['name', 'id', '-claims'] as const;

export const entityListQuery = z.strictObject({
  ...pageQuery,
  kind: enumsParam(ENTITY_KINDS, 'Only entities of these kinds. Example: `person`.'),
  q: namePrefixSchema.optional(),
  sort: z.enum(ENTITY_SORTS).optional().describe('name (A to Z, the default), id, or -claims (most claims first).'),
  facets: facetsParam(['kind'] as const),
  count: countParam,
  format: formatParam,
});

export type EntityListQuery = z.infer<typeof entityListQuery>;

export const entityListSchema = listWithExtras(entitySchema, 'EntityList');

export type Entity = z.infer<typeof entitySchema>;

// The seed format's defaults ([] for aliases, null for wikidata_id) are right for a create, but in a
// PATCH they would silently reset every field the client did not send.
const { id: annotatedId, ...annotatedFields } = annotatedEntity.shape;

export const entityCreateSchema = annotatedEntity.extend({ id: annotatedId.optional() }).meta({ id: 'EntityCreate' });
export const entityPatchSchema = atLeastOneField(z.strictObject({
  kind: annotatedFields.kind.optional(),
  name: annotatedFields.name.optional(),
  aliases: annotatedFields.aliases.removeDefault().optional(),
  description: annotatedFields.description.optional(),
  wikidata_id: annotatedFields.wikidata_id.removeDefault().optional(),
})).meta({ id: 'EntityPatch' });
export type EntityCreate = z.infer<typeof entityCreateSchema>;
export type EntityPatch = z.infer<typeof entityPatchSchema>;

export const entityMergeSchema = z
  .strictObject({ into: slug.describe('The id of the entity that survives and takes over everything.') })
  .meta({ id: 'EntityMerge', example: { into: 'volodymyr-zelenskyy' } });
