-- Each choice of a broadcast's language picker says how many it reaches (one count a language),
-- and the picker lists the languages in use: both read every client row (at 100,000 clients some
-- 45–67 ms for two languages). The clients by language, with every column the marketing rule
-- reads, so a language's count is a range of this index alone and the languages are read from it.
CREATE INDEX `clients_language_idx` ON `clients` (`language`,`deleted_at`,`blocked_at`,`opt_out_at`,`consent_at`,`telegram_id`);