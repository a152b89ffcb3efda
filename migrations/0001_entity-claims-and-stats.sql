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
CREATE INDEX `entities_claim_count_id` ON `entities` (`claim_count`,`id`);