-- When "Is your question solved?" failed to reach the client: the auto-close of that ask notes
-- that the question never reached them, not that they did not answer. Requests asked before
-- have none (their failure was told in the topic when it happened).
ALTER TABLE `handoffs` ADD `close_undelivered_at` integer;