-- The welcome a new team member did not get (Telegram refused their chat): given at their next
-- /start. Members added before it are taken as welcomed: whether theirs reached them is not known.
ALTER TABLE `staff` ADD `welcome_owed` integer DEFAULT false NOT NULL;
