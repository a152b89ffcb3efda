ALTER TABLE `articles` ADD `published_from` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `published_to` text;--> statement-breakpoint
-- Hand-corrected: drizzle-kit quotes an expression index's parts as if they were columns.
CREATE INDEX `articles_published_id` ON `articles` (coalesce("published_from", ''), `id`);--> statement-breakpoint
-- Backfill: the days a partial publication date covers ("2025-02" covers February).
UPDATE `articles` SET
  published_from = CASE length(substr(published_at, 1, 10)) WHEN 4 THEN substr(published_at, 1, 4) || '-01-01'
    WHEN 7 THEN substr(published_at, 1, 7) || '-01' ELSE substr(published_at, 1, 10) END,
  published_to = CASE length(substr(published_at, 1, 10)) WHEN 4 THEN substr(published_at, 1, 4) || '-12-31'
    WHEN 7 THEN date(substr(published_at, 1, 7) || '-01', '+1 month', '-1 day') ELSE substr(published_at, 1, 10) END
  WHERE published_at IS NOT NULL;
