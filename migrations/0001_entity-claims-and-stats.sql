CREATE TABLE `entity_claims` (
	`entity_id` text NOT NULL,
	`claimed_from` text NOT NULL,
	`claim_id` text NOT NULL,
	PRIMARY KEY(`entity_id`, `claimed_from`, `claim_id`),
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entity_claims_claim` ON `entity_claims` (`claim_id`);--> statement-breakpoint
ALTER TABLE `entities` ADD `claims_made` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `entities` ADD `claims_about` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `entities` ADD `claim_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `entities` ADD `article_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `entities` ADD `first_seen` text;--> statement-breakpoint
ALTER TABLE `entities` ADD `last_seen` text;--> statement-breakpoint
CREATE INDEX `entities_name_id` ON `entities` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `entities_claim_count_id` ON `entities` (`claim_count`,`id`);--> statement-breakpoint
-- Backfill for databases loaded before this migration (a fresh load fills these itself).
INSERT OR IGNORE INTO `entity_claims` (`entity_id`, `claimed_from`, `claim_id`)
  SELECT p.entity_id, c.claimed_from, c.id FROM claims c JOIN (
    SELECT id AS claim_id, claimant_id AS entity_id FROM claims WHERE claimant_id IS NOT NULL
    UNION SELECT claim_id, entity_id FROM claim_via UNION SELECT claim_id, entity_id FROM claim_entities
  ) p ON p.claim_id = c.id;--> statement-breakpoint
UPDATE `entities` SET
  claims_made = (SELECT count(*) FROM claims c WHERE c.claimant_id = entities.id),
  claims_about = (SELECT count(DISTINCT claim_id) FROM claim_entities s WHERE s.entity_id = entities.id),
  claim_count = (SELECT count(*) FROM entity_claims x WHERE x.entity_id = entities.id),
  article_count = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id),
  first_seen = (SELECT min(c.claimed_from) FROM entity_claims x JOIN claims c ON c.id = x.claim_id WHERE x.entity_id = entities.id),
  last_seen = (SELECT max(c.claimed_to) FROM entity_claims x JOIN claims c ON c.id = x.claim_id WHERE x.entity_id = entities.id);
