CREATE INDEX `claims_topic_claimant` ON `claims` (`topic_id`,`claimant_id`,`claimed_from`,`claimed_to`,`id`);--> statement-breakpoint
-- Fresh statistics: with stale ones (a database analysed before this index existed) the planner
-- picked this index for the figures page too, and sorted the whole topic.
ANALYZE;
