-- The owner's earlier progress messages of a broadcast (each gave its Stop button to the answer to a
-- later /broadcast or /cancel): edited with the last one when it ends.
ALTER TABLE `broadcasts` ADD `earlier_progress_ids` text DEFAULT '[]' NOT NULL;
