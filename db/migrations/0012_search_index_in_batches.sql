-- /find's transcript index is written in batches instead of one message at a time.
-- FTS5 writes a new index segment for every statement that changes it (and merges
-- segments as they pile up): through a trigger that is ~60 µs on every message the
-- bot records, on the event loop. Now the trigger only queues the message's id, and
-- the search service indexes the queue in one statement per batch (a few µs a
-- message): every few seconds, and always before a search, so /find never misses
-- what was just written. Deleting a message still leaves the index at once (/forget).
CREATE TABLE `message_search_queue` (`message_id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER `message_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `message_search_insert` AFTER INSERT ON `messages`
WHEN new.`text` IS NOT NULL AND new.`direction` IN ('in', 'out', 'note') BEGIN
  INSERT OR IGNORE INTO `message_search_queue` (`message_id`) VALUES (new.`id`);
END;
--> statement-breakpoint
-- Only searchable messages whose text really changed (the bot edits its own quiz and
-- booking messages all the time: those were never indexed).
DROP TRIGGER `message_search_update`;
--> statement-breakpoint
CREATE TRIGGER `message_search_update` AFTER UPDATE OF `text` ON `messages`
WHEN old.`direction` IN ('in', 'out', 'note') AND old.`text` IS NOT new.`text` BEGIN
  DELETE FROM `message_search` WHERE `rowid` = old.`id`;
  INSERT OR IGNORE INTO `message_search_queue` (`message_id`) SELECT new.`id` WHERE new.`text` IS NOT NULL;
END;
--> statement-breakpoint
DROP TRIGGER `message_search_delete`;
--> statement-breakpoint
CREATE TRIGGER `message_search_delete` AFTER DELETE ON `messages`
WHEN old.`direction` IN ('in', 'out', 'note') BEGIN
  DELETE FROM `message_search_queue` WHERE `message_id` = old.`id`;
  DELETE FROM `message_search` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
-- A client's names and contacts are re-indexed only when one of them changes, not on
-- every visit (each update of the client row names its first name, changed or not).
DROP TRIGGER `client_search_update`;
--> statement-breakpoint
CREATE TRIGGER `client_search_update` AFTER UPDATE OF `display_name`, `first_name`, `last_name`, `username`, `email`, `phone` ON `clients`
WHEN old.`display_name` IS NOT new.`display_name` OR old.`first_name` IS NOT new.`first_name`
  OR old.`last_name` IS NOT new.`last_name` OR old.`username` IS NOT new.`username`
  OR old.`email` IS NOT new.`email` OR old.`phone` IS NOT new.`phone` BEGIN
  DELETE FROM `client_search` WHERE `rowid` = old.`id`;
  INSERT INTO `client_search` (`rowid`, `name`, `contact`) VALUES (
    new.`id`,
    concat_ws(' ', new.`display_name`, new.`first_name`, new.`last_name`, '@' || new.`username`),
    concat_ws(' ', new.`email`, replace(replace(replace(replace(replace(replace(new.`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  );
END;
