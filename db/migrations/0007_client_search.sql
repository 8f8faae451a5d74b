-- /find: full-text indexes over clients' names and contacts and over the transcript.
-- FTS5 with the trigram tokenizer finds any part of a word (3 characters or more),
-- ignoring case in every alphabet. The tables are contentless (they keep only the
-- index, never the text) with secure-delete on, so erasing a client (/forget) removes
-- their entries from the index at once instead of leaving tombstones behind.
-- Triggers keep both in step with `clients` and `messages`.
CREATE VIRTUAL TABLE `client_search` USING fts5(`name`, `contact`, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
INSERT INTO `client_search` (`client_search`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
CREATE VIRTUAL TABLE `message_search` USING fts5(`text`, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
INSERT INTO `message_search` (`message_search`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
-- A client's searchable name: every form of it and the @username; contact: e-mail and the phone's digits.
CREATE TRIGGER `client_search_insert` AFTER INSERT ON `clients` BEGIN
  INSERT INTO `client_search` (`rowid`, `name`, `contact`) VALUES (
    new.`id`,
    concat_ws(' ', new.`display_name`, new.`first_name`, new.`last_name`, '@' || new.`username`),
    concat_ws(' ', new.`email`, replace(replace(replace(replace(replace(replace(new.`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  );
END;
--> statement-breakpoint
CREATE TRIGGER `client_search_update` AFTER UPDATE OF `display_name`, `first_name`, `last_name`, `username`, `email`, `phone` ON `clients` BEGIN
  DELETE FROM `client_search` WHERE `rowid` = old.`id`;
  INSERT INTO `client_search` (`rowid`, `name`, `contact`) VALUES (
    new.`id`,
    concat_ws(' ', new.`display_name`, new.`first_name`, new.`last_name`, '@' || new.`username`),
    concat_ws(' ', new.`email`, replace(replace(replace(replace(replace(replace(new.`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  );
END;
--> statement-breakpoint
CREATE TRIGGER `client_search_delete` AFTER DELETE ON `clients` BEGIN
  DELETE FROM `client_search` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
-- The transcript as staff search it: what the client wrote, what staff wrote, internal notes.
CREATE TRIGGER `message_search_insert` AFTER INSERT ON `messages`
WHEN new.`text` IS NOT NULL AND new.`direction` IN ('in', 'out', 'note') BEGIN
  INSERT INTO `message_search` (`rowid`, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `message_search_update` AFTER UPDATE OF `text` ON `messages` BEGIN
  DELETE FROM `message_search` WHERE `rowid` = old.`id`;
  INSERT INTO `message_search` (`rowid`, `text`)
    SELECT new.`id`, new.`text` WHERE new.`text` IS NOT NULL AND new.`direction` IN ('in', 'out', 'note');
END;
--> statement-breakpoint
CREATE TRIGGER `message_search_delete` AFTER DELETE ON `messages` BEGIN
  DELETE FROM `message_search` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
INSERT INTO `client_search` (`rowid`, `name`, `contact`)
  SELECT `id`,
    concat_ws(' ', `display_name`, `first_name`, `last_name`, '@' || `username`),
    concat_ws(' ', `email`, replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  FROM `clients`;
--> statement-breakpoint
INSERT INTO `message_search` (`rowid`, `text`)
  SELECT `id`, `text` FROM `messages` WHERE `text` IS NOT NULL AND `direction` IN ('in', 'out', 'note');
