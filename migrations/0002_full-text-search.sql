-- Full-text search (FTS5), hand-written: drizzle-kit does not model virtual tables.
-- External-content indexes over the base tables, kept in step by triggers, so every write
-- path (seed loads, later the editorial API) updates them in the same transaction.
-- unicode61 with remove_diacritics 2: case- and accent-insensitive; prefix indexes serve "zelen*".
-- The index keys on the base tables' implicit rowid, which VACUUM may renumber: after a VACUUM run
-- INSERT INTO <table>_fts(<table>_fts) VALUES ('rebuild') (npm run seed rebuilds everything anyway).
CREATE VIRTUAL TABLE `claims_fts` USING fts5(text, quote_exact, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `claims_fts_insert` AFTER INSERT ON `claims` BEGIN
  INSERT INTO claims_fts(rowid, text, quote_exact) VALUES (new.rowid, new.text, new.quote_exact);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_delete` AFTER DELETE ON `claims` BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text, quote_exact) VALUES ('delete', old.rowid, old.text, old.quote_exact);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_update` AFTER UPDATE OF text, quote_exact ON `claims` BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text, quote_exact) VALUES ('delete', old.rowid, old.text, old.quote_exact);
  INSERT INTO claims_fts(rowid, text, quote_exact) VALUES (new.rowid, new.text, new.quote_exact);
END;
--> statement-breakpoint
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `entities_fts` USING fts5(name, aliases, content='entities', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `entities_fts_insert` AFTER INSERT ON `entities` BEGIN
  INSERT INTO entities_fts(rowid, name, aliases) VALUES (new.rowid, new.name, new.aliases);
END;
--> statement-breakpoint
CREATE TRIGGER `entities_fts_delete` AFTER DELETE ON `entities` BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, name, aliases) VALUES ('delete', old.rowid, old.name, old.aliases);
END;
--> statement-breakpoint
CREATE TRIGGER `entities_fts_update` AFTER UPDATE OF name, aliases ON `entities` BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, name, aliases) VALUES ('delete', old.rowid, old.name, old.aliases);
  INSERT INTO entities_fts(rowid, name, aliases) VALUES (new.rowid, new.name, new.aliases);
END;
--> statement-breakpoint
INSERT INTO entities_fts(entities_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_fts` USING fts5(title, body, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `articles_fts_insert` AFTER INSERT ON `articles` BEGIN
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_delete` AFTER DELETE ON `articles` BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_update` AFTER UPDATE OF title, body ON `articles` BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
--> statement-breakpoint
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
