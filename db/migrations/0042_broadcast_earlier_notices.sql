-- The owner's earlier messages about a scheduled broadcast (each gave its ✖ to the answer to a
-- later /cancel or /broadcast): edited with its notice when it goes, is cancelled or finds nobody.
ALTER TABLE `broadcasts` ADD `earlier_notice_ids` text DEFAULT '[]' NOT NULL;
