// One event as a CSV row; lists are joined with ";".
import { joinIds } from '../http/export.js';
import type { Event } from './schema.js';

export const EVENT_CSV_COLUMNS = ['id', 'kind', 'title', 'start', 'end', 'description', 'locations', 'participants', 'claim_ids'];

export const eventCsvRecord = (e: Event) => [e.id, e.kind, e.title, e.start, e.end, e.description, joinIds(e.locations),
    e.participants.map((p) => `${p.id}:${p.role}`).join(';'), e.claim_ids.join(';')];
