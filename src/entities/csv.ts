// One entity as a CSV row; lists are joined with ";".
import type { Entity } from './schema.js';

export const ENTITY_CSV_COLUMNS = ['id', 'kind', 'name', 'aliases', 'description', 'wikidata_id', 'claims_made', 'claims_about', 'claim_count',
  'articles_mentioned_in', 'first_seen', 'last_seen'];

export const entityCsvRecord = (e: Entity) => [e.id, e.kind, e.name, e.aliases.join(';'), e.description, e.wikidata_id, e.claims_made, e.claims_about,
    e.claim_count, e.articles_mentioned_in, e.first_seen, e.last_seen];
