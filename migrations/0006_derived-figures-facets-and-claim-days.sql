CREATE TABLE `claim_facet_totals` (
	`field` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`field`, `key`)
);
--> statement-breakpoint
CREATE INDEX `claim_facet_totals_top` ON `claim_facet_totals` (`field`,"count" DESC,`key`);--> statement-breakpoint
CREATE TABLE `latest_figures` (
	`topic_id` text NOT NULL,
	`claimant_id` text NOT NULL,
	`unit` text NOT NULL,
	`claim_id` text NOT NULL,
	`position` integer NOT NULL,
	`claimed_from` text NOT NULL,
	`claimed_to` text NOT NULL,
	`stance` text NOT NULL,
	`low` real NOT NULL,
	`high` real NOT NULL,
	PRIMARY KEY(`topic_id`, `claimant_id`, `unit`)
);
--> statement-breakpoint
CREATE INDEX `latest_figures_recent` ON `latest_figures` (`topic_id`,"claimed_from" DESC,"claimed_to" DESC,`claimant_id`,`unit`);--> statement-breakpoint
CREATE INDEX `latest_figures_low` ON `latest_figures` (`topic_id`,`unit`,`stance`,`low`,`claimant_id`);--> statement-breakpoint
CREATE INDEX `latest_figures_high` ON `latest_figures` (`topic_id`,`unit`,`stance`,"high" DESC,`claimant_id`);--> statement-breakpoint
CREATE INDEX `latest_figures_claim` ON `latest_figures` (`claim_id`);--> statement-breakpoint
CREATE INDEX `claims_days` ON `claims` (`claimed_from`,`claimed_to`,`id`);
--> statement-breakpoint
-- Hand-written below: drizzle-kit does not model views or triggers.
-- A later migration that rebuilds one of claims, claim_quantities and latest_figures (drizzle-kit's create, copy, drop,
-- rename) must drop these views and triggers first and create them again after: SQLite refuses the rename while
-- a trigger names the table, and a drop takes the table's own triggers with it.
-- latest_figures is kept in step with claims and claim_quantities by triggers, so every write path
-- (seed loads, the editorial API, restores, merges) updates it in the same transaction. Two views with
-- INSTEAD OF triggers hold the two steps once, for the table triggers to call:
--   latest_figure_offer: a figure is (again) a candidate; it replaces its key's row when it is newer.
--   latest_figure_recheck: a claim may have stopped being its key's latest; if it was, recompute the key.
-- "Latest" is the order figures' latest_by_claimant always used: claimed_from, claimed_to, claim id,
-- all descending, then the figure's place in the claim.
CREATE VIEW `latest_figure_offer` AS SELECT claim_id, position FROM claim_quantities WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `latest_figures_offer_insert` INSTEAD OF INSERT ON `latest_figure_offer` BEGIN
  INSERT INTO latest_figures (topic_id, claimant_id, unit, claim_id, position, claimed_from, claimed_to, stance, low, high)
    SELECT c.topic_id, c.claimant_id, q.unit, c.id, q.position, c.claimed_from, c.claimed_to, c.stance,
      coalesce(q.value, q.min, q.max), coalesce(q.value, q.max, q.min)
    FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
    WHERE c.id = new.claim_id AND q.position = new.position AND c.topic_id IS NOT NULL AND c.claimant_id IS NOT NULL
  ON CONFLICT (topic_id, claimant_id, unit) DO UPDATE SET
    claim_id = excluded.claim_id, position = excluded.position, claimed_from = excluded.claimed_from,
    claimed_to = excluded.claimed_to, stance = excluded.stance, low = excluded.low, high = excluded.high
  WHERE (excluded.claimed_from, excluded.claimed_to, excluded.claim_id) > (claimed_from, claimed_to, claim_id)
    OR (excluded.claim_id = claim_id AND excluded.position <= position);
END;
--> statement-breakpoint
CREATE VIEW `latest_figure_recheck` AS SELECT topic_id, claimant_id, unit, claim_id FROM latest_figures WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `latest_figures_recheck_insert` INSTEAD OF INSERT ON `latest_figure_recheck` BEGIN
  DELETE FROM latest_figures
    WHERE topic_id = new.topic_id AND claimant_id = new.claimant_id AND unit = new.unit AND claim_id = new.claim_id;
  -- Only when the key has no row now (that claim was its latest): walks claims_topic_claimant backwards to the first figure in the unit.
  INSERT INTO latest_figures (topic_id, claimant_id, unit, claim_id, position, claimed_from, claimed_to, stance, low, high)
    SELECT c.topic_id, c.claimant_id, q.unit, c.id, q.position, c.claimed_from, c.claimed_to, c.stance,
      coalesce(q.value, q.min, q.max), coalesce(q.value, q.max, q.min)
    FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
    WHERE c.topic_id = new.topic_id AND c.claimant_id = new.claimant_id AND q.unit = new.unit
      AND NOT EXISTS (SELECT 1 FROM latest_figures l
        WHERE l.topic_id = new.topic_id AND l.claimant_id = new.claimant_id AND l.unit = new.unit)
    ORDER BY c.claimed_from DESC, c.claimed_to DESC, c.id DESC, q.position
    LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER `latest_figures_quantity_insert` AFTER INSERT ON `claim_quantities` BEGIN
  INSERT INTO latest_figure_offer (claim_id, position) VALUES (new.claim_id, new.position);
END;
--> statement-breakpoint
-- When the claim itself is being deleted it is already gone here: the claims trigger below handles it.
CREATE TRIGGER `latest_figures_quantity_delete` AFTER DELETE ON `claim_quantities` BEGIN
  INSERT INTO latest_figure_recheck (topic_id, claimant_id, unit, claim_id)
    SELECT l.topic_id, l.claimant_id, l.unit, l.claim_id FROM latest_figures l WHERE l.claim_id = old.claim_id AND l.unit = old.unit;
END;
--> statement-breakpoint
CREATE TRIGGER `latest_figures_quantity_update` AFTER UPDATE ON `claim_quantities` BEGIN
  INSERT INTO latest_figure_recheck (topic_id, claimant_id, unit, claim_id)
    SELECT l.topic_id, l.claimant_id, l.unit, l.claim_id FROM latest_figures l WHERE l.claim_id = old.claim_id AND l.unit = old.unit;
  INSERT INTO latest_figure_offer (claim_id, position) VALUES (new.claim_id, new.position);
END;
--> statement-breakpoint
CREATE TRIGGER `latest_figures_claim_delete` AFTER DELETE ON `claims` BEGIN
  INSERT INTO latest_figure_recheck (topic_id, claimant_id, unit, claim_id)
    SELECT topic_id, claimant_id, unit, claim_id FROM latest_figures WHERE claim_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `latest_figures_claim_update` AFTER UPDATE OF topic_id, claimant_id, claimed_from, claimed_to, stance, id ON `claims` BEGIN
  INSERT INTO latest_figure_recheck (topic_id, claimant_id, unit, claim_id)
    SELECT topic_id, claimant_id, unit, claim_id FROM latest_figures WHERE claim_id = old.id;
  INSERT INTO latest_figure_offer (claim_id, position) SELECT claim_id, position FROM claim_quantities WHERE claim_id = new.id;
END;
--> statement-breakpoint
INSERT INTO latest_figures (topic_id, claimant_id, unit, claim_id, position, claimed_from, claimed_to, stance, low, high)
  SELECT topic_id, claimant_id, unit, claim_id, position, claimed_from, claimed_to, stance, low, high FROM (
    SELECT c.topic_id, c.claimant_id, q.unit, c.id AS claim_id, q.position, c.claimed_from, c.claimed_to, c.stance,
      coalesce(q.value, q.min, q.max) AS low, coalesce(q.value, q.max, q.min) AS high,
      ROW_NUMBER() OVER (PARTITION BY c.topic_id, c.claimant_id, q.unit
        ORDER BY c.claimed_from DESC, c.claimed_to DESC, c.id DESC, q.position) AS nth
    FROM claims c JOIN claim_quantities q ON q.claim_id = c.id
    WHERE c.topic_id IS NOT NULL AND c.claimant_id IS NOT NULL)
  WHERE nth = 1;
--> statement-breakpoint
-- claim_facet_totals is kept in step with claims the same way: one view whose INSTEAD OF trigger
-- adds `delta` to each of a claim's five facet values (dropping a value whose count reaches 0).
CREATE VIEW `claim_facet_change` AS SELECT claimant_id, stance, certainty, topic_id, article_id, 0 AS delta FROM claims WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_change` INSTEAD OF INSERT ON `claim_facet_change` BEGIN
  INSERT INTO claim_facet_totals (field, key, count) VALUES
    ('claimant', coalesce(new.claimant_id, ''), new.delta), ('stance', new.stance, new.delta),
    ('certainty', new.certainty, new.delta), ('topic', coalesce(new.topic_id, ''), new.delta), ('article', new.article_id, new.delta)
  ON CONFLICT (field, key) DO UPDATE SET count = count + excluded.count;
  DELETE FROM claim_facet_totals WHERE count <= 0 AND (field, key) IN (VALUES
    ('claimant', coalesce(new.claimant_id, '')), ('stance', new.stance), ('certainty', new.certainty),
    ('topic', coalesce(new.topic_id, '')), ('article', new.article_id));
END;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_insert` AFTER INSERT ON `claims` BEGIN
  INSERT INTO claim_facet_change VALUES (new.claimant_id, new.stance, new.certainty, new.topic_id, new.article_id, 1);
END;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_delete` AFTER DELETE ON `claims` BEGIN
  INSERT INTO claim_facet_change VALUES (old.claimant_id, old.stance, old.certainty, old.topic_id, old.article_id, -1);
END;
--> statement-breakpoint
CREATE TRIGGER `claim_facet_totals_update` AFTER UPDATE OF claimant_id, stance, certainty, topic_id, article_id ON `claims` BEGIN
  INSERT INTO claim_facet_change VALUES (old.claimant_id, old.stance, old.certainty, old.topic_id, old.article_id, -1);
  INSERT INTO claim_facet_change VALUES (new.claimant_id, new.stance, new.certainty, new.topic_id, new.article_id, 1);
END;
--> statement-breakpoint
INSERT INTO claim_facet_totals (field, key, count)
  SELECT 'claimant', coalesce(claimant_id, ''), count(*) FROM claims GROUP BY 2
  UNION ALL SELECT 'stance', stance, count(*) FROM claims GROUP BY 2
  UNION ALL SELECT 'certainty', certainty, count(*) FROM claims GROUP BY 2
  UNION ALL SELECT 'topic', coalesce(topic_id, ''), count(*) FROM claims GROUP BY 2
  UNION ALL SELECT 'article', article_id, count(*) FROM claims GROUP BY 2;
--> statement-breakpoint
-- Statistics for the new indexes, so the planner weighs them from the start.
ANALYZE claims;
--> statement-breakpoint
ANALYZE latest_figures;
