CREATE TABLE `entity_events` (
	`entity_id` text NOT NULL,
	`start_day` text NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`entity_id`, `start_day`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `entity_events_event` ON `entity_events` (`event_id`);--> statement-breakpoint
-- Hand-written below: drizzle-kit does not model views or triggers.
-- A later migration that rebuilds one of entity_events, event_participants, event_locations and events (drizzle-kit's create, copy, drop,
-- rename) must drop these views and triggers first and create them again after: SQLite refuses the rename while
-- a trigger names the table, and a drop takes the table's own triggers with it. One view whose INSTEAD OF trigger
-- re-derives one (entity, event) pair from the participant and location rows, for every trigger to call.
-- A deleted event needs no trigger of its own: its participant and location rows go with it (cascade),
-- and their triggers find no event left to keep.
CREATE VIEW `entity_event_recheck` AS SELECT entity_id, event_id FROM entity_events WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `entity_events_recheck_insert` INSTEAD OF INSERT ON `entity_event_recheck` BEGIN
  DELETE FROM entity_events WHERE entity_id = new.entity_id AND event_id = new.event_id;
  INSERT INTO entity_events (entity_id, start_day, event_id)
    SELECT new.entity_id, ev.start_day, ev.id FROM events ev
    WHERE ev.id = new.event_id
      AND (EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = ev.id AND p.entity_id = new.entity_id)
        OR EXISTS (SELECT 1 FROM event_locations l WHERE l.event_id = ev.id AND l.entity_id = new.entity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_participant_insert` AFTER INSERT ON `event_participants` BEGIN
  INSERT INTO entity_event_recheck VALUES (new.entity_id, new.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_participant_delete` AFTER DELETE ON `event_participants` BEGIN
  INSERT INTO entity_event_recheck VALUES (old.entity_id, old.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_participant_update` AFTER UPDATE ON `event_participants` BEGIN
  INSERT INTO entity_event_recheck VALUES (old.entity_id, old.event_id);
  INSERT INTO entity_event_recheck VALUES (new.entity_id, new.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_location_insert` AFTER INSERT ON `event_locations` BEGIN
  INSERT INTO entity_event_recheck VALUES (new.entity_id, new.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_location_delete` AFTER DELETE ON `event_locations` BEGIN
  INSERT INTO entity_event_recheck VALUES (old.entity_id, old.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_location_update` AFTER UPDATE ON `event_locations` BEGIN
  INSERT INTO entity_event_recheck VALUES (old.entity_id, old.event_id);
  INSERT INTO entity_event_recheck VALUES (new.entity_id, new.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER `entity_events_event_day` AFTER UPDATE OF start_day ON `events` BEGIN
  UPDATE entity_events SET start_day = new.start_day WHERE event_id = new.id;
END;
--> statement-breakpoint
INSERT INTO entity_events (entity_id, start_day, event_id)
  SELECT x.entity_id, ev.start_day, ev.id FROM (
    SELECT entity_id, event_id FROM event_participants UNION SELECT entity_id, event_id FROM event_locations) x
  JOIN events ev ON ev.id = x.event_id;
--> statement-breakpoint
ANALYZE entity_events;
