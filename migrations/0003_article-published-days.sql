ALTER TABLE `articles` ADD `published_from` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `published_to` text;--> statement-breakpoint
-- Hand-corrected: drizzle-kit quotes an expression index's parts as if they were columns.
CREATE INDEX `articles_published_id` ON `articles` (coalesce("published_from", ''), `id`);