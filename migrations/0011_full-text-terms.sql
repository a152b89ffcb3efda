-- The words each full-text index holds, in order, one row per occurrence (fts5vocab 'instance'): a
-- prefix that no prefix index serves ("repo"*) is looked up as the few words it starts, one seek per
-- word (src/db/full-text.ts expandPrefixes). These tables store nothing; they read the index.
CREATE VIRTUAL TABLE `claims_terms` USING fts5vocab(claims_fts, 'instance');
--> statement-breakpoint
CREATE VIRTUAL TABLE `entities_terms` USING fts5vocab(entities_fts, 'instance');
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_terms` USING fts5vocab(articles_fts, 'instance');
