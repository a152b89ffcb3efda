// entity_events is derived data: triggers (migrations/0007) keep it in step with every write. A bulk
// load drops them like the other derived-data triggers, and rebuilds the table once here instead.
import type { Db } from '../db/client.js';

export const ENTITY_EVENTS_TRIGGERS = 'entity_events_*';

export function rebuildEntityEvents(db: Db): void {
  db.exec(`DELETE FROM entity_events;
    INSERT INTO entity_events (entity_id, start_day, event_id)
      SELECT x.entity_id, ev.start_day, ev.id FROM (
        SELECT entity_id, event_id FROM event_participants UNION SELECT entity_id, event_id FROM event_locations) x
      JOIN events ev ON ev.id = x.event_id`);
}
