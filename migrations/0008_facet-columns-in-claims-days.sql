-- claims_days also carries every facet column, so facets over a date filter read the index alone.
DROP INDEX `claims_days`;--> statement-breakpoint
CREATE INDEX `claims_days` ON `claims` (`claimed_from`,`claimed_to`,`id`,`claimant_id`,`stance`,`certainty`,`topic_id`,`article_id`);--> statement-breakpoint
-- Statistics for the new index (dropping the old one dropped its row): without them the planner may
-- prefer the narrower claims_claimed_from_id for the date arms.
ANALYZE `claims_days`;
