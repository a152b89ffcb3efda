CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`authors` text NOT NULL,
	`url` text,
	`language` text NOT NULL,
	`published_at` text,
	`published_precision` text,
	`published_inferred` integer DEFAULT false NOT NULL,
	`published_basis` text,
	`updated_at` text,
	`updated_precision` text,
	`source_file` text,
	`raw_text` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_url_unique` ON `articles` (`url`);--> statement-breakpoint
CREATE TABLE `claim_entities` (
	`claim_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`claim_id`, `entity_id`, `role`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_entities_entity` ON `claim_entities` (`entity_id`);--> statement-breakpoint
CREATE TABLE `claim_events` (
	`claim_id` text NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`claim_id`, `event_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_events_event` ON `claim_events` (`event_id`);--> statement-breakpoint
CREATE TABLE `claim_quantities` (
	`claim_id` text NOT NULL,
	`position` integer NOT NULL,
	`value` real,
	`min` real,
	`max` real,
	`unit` text NOT NULL,
	`approximate` integer NOT NULL,
	PRIMARY KEY(`claim_id`, `position`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `claim_relations` (
	`from_claim_id` text NOT NULL,
	`type` text NOT NULL,
	`to_claim_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`from_claim_id`, `type`, `to_claim_id`),
	FOREIGN KEY (`from_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_relations_to` ON `claim_relations` (`to_claim_id`);--> statement-breakpoint
CREATE TABLE `claim_via` (
	`claim_id` text NOT NULL,
	`position` integer NOT NULL,
	`entity_id` text NOT NULL,
	PRIMARY KEY(`claim_id`, `position`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_via_entity` ON `claim_via` (`entity_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`text` text NOT NULL,
	`quote_exact` text NOT NULL,
	`quote_prefix` text NOT NULL,
	`quote_suffix` text NOT NULL,
	`quote_start` integer NOT NULL,
	`quote_end` integer NOT NULL,
	`claimant_id` text,
	`stance` text NOT NULL,
	`certainty` text NOT NULL,
	`claimed_on` text NOT NULL,
	`claimed_from` text NOT NULL,
	`claimed_to` text NOT NULL,
	`topic_id` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimant_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_claimed_from_id` ON `claims` (`claimed_from`,`id`);--> statement-breakpoint
CREATE INDEX `claims_article` ON `claims` (`article_id`,`claimed_from`,`id`);--> statement-breakpoint
CREATE INDEX `claims_claimant` ON `claims` (`claimant_id`,`claimed_from`,`id`);--> statement-breakpoint
CREATE INDEX `claims_topic` ON `claims` (`topic_id`,`claimed_from`,`id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`aliases` text NOT NULL,
	`description` text NOT NULL,
	`wikidata_id` text
);
--> statement-breakpoint
CREATE INDEX `entities_kind_id` ON `entities` (`kind`,`id`);--> statement-breakpoint
CREATE TABLE `event_locations` (
	`event_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`event_id`, `entity_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_locations_entity` ON `event_locations` (`entity_id`);--> statement-breakpoint
CREATE TABLE `event_participants` (
	`event_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`event_id`, `entity_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_participants_entity` ON `event_participants` (`entity_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`start` text NOT NULL,
	`end` text,
	`start_day` text NOT NULL,
	`end_day` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE INDEX `events_start_day_id` ON `events` (`start_day`,`id`);--> statement-breakpoint
CREATE TABLE `mentions` (
	`article_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`article_id`, `start`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentions_entity_article` ON `mentions` (`entity_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` text PRIMARY KEY NOT NULL,
	`question` text NOT NULL,
	`unit` text,
	`description` text
);
