CREATE TABLE `claim_facet_months` (
	`field` text NOT NULL,
	`month` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`field`, `month`, `key`)
);
--> statement-breakpoint
CREATE INDEX `claim_facet_months_top` ON `claim_facet_months` (`field`,`month`,"count" DESC,`key`);--> statement-breakpoint
CREATE INDEX `claims_across_months` ON `claims` (`claimed_from`,`claimed_to`,`claimant_id`,`stance`,`certainty`,`topic_id`,`article_id`) WHERE substr("claims"."claimed_from", 1, 7) <> substr("claims"."claimed_to", 1, 7);--> statement-breakpoint
-- The facet triggers (0006) keep claim_facet_months too: a claim whose days lie within one month counts
-- in that month. Its days now matter, so the view carries them and an update of them is a change.
DROP TRIGGER `claim_facet_totals_update`;
--> statement-breakpoint
DROP TRIGGER `claim_facet_totals_delete`;
--> statement-breakpoint
DROP TRIGGER `claim_facet_totals_insert`;
--> statement-breakpoint
DROP TRIGGER `claim_facet_totals_change`;
--> statement-breakpoint
DROP VIEW `claim_facet_change`;
--> statement-breakpoint
CREATE VIEW `claim_facet_change` AS SELECT claimant_id, stance, certainty, topic_id, article_id, claimed_from, claimed_to, 0 AS delta FROM claims WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_change` INSTEAD OF INSERT ON `claim_facet_change` BEGIN
  INSERT INTO claim_facet_totals (field, key, count) VALUES
    ('claimant', coalesce(new.claimant_id, ''), new.delta), ('stance', new.stance, new.delta),
    ('certainty', new.certainty, new.delta), ('topic', coalesce(new.topic_id, ''), new.delta), ('article', new.article_id, new.delta)
  ON CONFLICT (field, key) DO UPDATE SET count = count + excluded.count;
  DELETE FROM claim_facet_totals WHERE count <= 0 AND (field, key) IN (VALUES
    ('claimant', coalesce(new.claimant_id, '')), ('stance', new.stance), ('certainty', new.certainty),
    ('topic', coalesce(new.topic_id, '')), ('article', new.article_id));
  INSERT INTO claim_facet_months (field, month, key, count) SELECT column1, substr(new.claimed_from, 1, 7), column2, new.delta FROM (VALUES
    ('claimant', coalesce(new.claimant_id, '')), ('stance', new.stance), ('certainty', new.certainty),
    ('topic', coalesce(new.topic_id, '')), ('article', new.article_id))
    WHERE substr(new.claimed_from, 1, 7) = substr(new.claimed_to, 1, 7)
  ON CONFLICT (field, month, key) DO UPDATE SET count = count + excluded.count;
  DELETE FROM claim_facet_months WHERE count <= 0 AND month = substr(new.claimed_from, 1, 7) AND (field, key) IN (VALUES
    ('claimant', coalesce(new.claimant_id, '')), ('stance', new.stance), ('certainty', new.certainty),
    ('topic', coalesce(new.topic_id, '')), ('article', new.article_id));
END;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_insert` AFTER INSERT ON `claims` BEGIN
  INSERT INTO claim_facet_change VALUES (new.claimant_id, new.stance, new.certainty, new.topic_id, new.article_id, new.claimed_from, new.claimed_to, 1);
END;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_delete` AFTER DELETE ON `claims` BEGIN
  INSERT INTO claim_facet_change VALUES (old.claimant_id, old.stance, old.certainty, old.topic_id, old.article_id, old.claimed_from, old.claimed_to, -1);
END;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_update` AFTER UPDATE OF claimant_id, stance, certainty, topic_id, article_id, claimed_from, claimed_to ON `claims` BEGIN
  INSERT INTO claim_facet_change VALUES (old.claimant_id, old.stance, old.certainty, old.topic_id, old.article_id, old.claimed_from, old.claimed_to, -1);
  INSERT INTO claim_facet_change VALUES (new.claimant_id, new.stance, new.certainty, new.topic_id, new.article_id, new.claimed_from, new.claimed_to, 1);
END;
--> statement-breakpoint
INSERT INTO claim_facet_months (field, month, key, count)
  SELECT 'claimant', substr(claimed_from, 1, 7), coalesce(claimant_id, ''), count(*) FROM claims WHERE substr(claimed_from, 1, 7) = substr(claimed_to, 1, 7) GROUP BY 2, 3
  UNION ALL SELECT 'stance', substr(claimed_from, 1, 7), stance, count(*) FROM claims WHERE substr(claimed_from, 1, 7) = substr(claimed_to, 1, 7) GROUP BY 2, 3
  UNION ALL SELECT 'certainty', substr(claimed_from, 1, 7), certainty, count(*) FROM claims WHERE substr(claimed_from, 1, 7) = substr(claimed_to, 1, 7) GROUP BY 2, 3
  UNION ALL SELECT 'topic', substr(claimed_from, 1, 7), coalesce(topic_id, ''), count(*) FROM claims WHERE substr(claimed_from, 1, 7) = substr(claimed_to, 1, 7) GROUP BY 2, 3
  UNION ALL SELECT 'article', substr(claimed_from, 1, 7), article_id, count(*) FROM claims WHERE substr(claimed_from, 1, 7) = substr(claimed_to, 1, 7) GROUP BY 2, 3;
--> statement-breakpoint
ANALYZE claim_facet_months;
--> statement-breakpoint
ANALYZE claims_across_months;
