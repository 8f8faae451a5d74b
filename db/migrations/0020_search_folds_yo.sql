-- /find: ё and е are one letter. Names are written both ways (Фёдор, Федор; Семёнов, Семенов),
-- so is the transcript (ещё, еще): the indexes now keep е for ё (Е for Ё; the trigram
-- tokenizer folds case, not letters), and the search folds the query the same way
-- (db/repositories/client-search.ts, which also folds the transcript as it indexes it).
DROP TRIGGER `client_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `client_search_insert` AFTER INSERT ON `clients` BEGIN
  INSERT INTO `client_search` (`rowid`, `name`, `contact`) VALUES (
    new.`id`,
    replace(replace(concat_ws(' ', new.`display_name`, new.`first_name`, new.`last_name`, '@' || new.`username`), 'ё', 'е'), 'Ё', 'Е'),
    concat_ws(' ', new.`email`, replace(replace(replace(replace(replace(replace(new.`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  );
END;
--> statement-breakpoint
DROP TRIGGER `client_search_update`;
--> statement-breakpoint
CREATE TRIGGER `client_search_update` AFTER UPDATE OF `display_name`, `first_name`, `last_name`, `username`, `email`, `phone` ON `clients`
WHEN old.`display_name` IS NOT new.`display_name` OR old.`first_name` IS NOT new.`first_name`
  OR old.`last_name` IS NOT new.`last_name` OR old.`username` IS NOT new.`username`
  OR old.`email` IS NOT new.`email` OR old.`phone` IS NOT new.`phone` BEGIN
  DELETE FROM `client_search` WHERE `rowid` = old.`id`;
  INSERT INTO `client_search` (`rowid`, `name`, `contact`) VALUES (
    new.`id`,
    replace(replace(concat_ws(' ', new.`display_name`, new.`first_name`, new.`last_name`, '@' || new.`username`), 'ё', 'е'), 'Ё', 'Е'),
    concat_ws(' ', new.`email`, replace(replace(replace(replace(replace(replace(new.`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  );
END;
--> statement-breakpoint
-- Names are short and one per client: indexed again here, in one statement ('delete-all'
-- empties the index at once, where deleting row by row would rewrite it for every row).
INSERT INTO `client_search` (`client_search`) VALUES ('delete-all');
--> statement-breakpoint
INSERT INTO `client_search` (`rowid`, `name`, `contact`)
  SELECT `id`,
    replace(replace(concat_ws(' ', `display_name`, `first_name`, `last_name`, '@' || `username`), 'ё', 'е'), 'Ё', 'Е'),
    concat_ws(' ', `email`, replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''))
  FROM `clients`;
--> statement-breakpoint
-- The transcript may hold millions of messages (some 25 s to index at 2 million): it is
-- emptied and every message queued, and the search service indexes the queue in its
-- batches after the start, as it does new messages (0012_search_index_in_batches.sql).
INSERT INTO `message_search` (`message_search`) VALUES ('delete-all');
--> statement-breakpoint
INSERT OR IGNORE INTO `message_search_queue` (`message_id`)
  SELECT `id` FROM `messages` WHERE `text` IS NOT NULL AND `direction` IN ('in', 'out', 'note');
