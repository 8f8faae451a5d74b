-- Counting a broadcast segment read every client row (25 ms at 100,000 clients, growing
-- with them): the clients marketing may go to, with every column that rule reads, so a
-- segment of everyone, or by tag or product, is counted from this index alone.
CREATE INDEX `clients_audience_idx` ON `clients` (`consent_at`,`telegram_id`,`deleted_at`,`blocked_at`,`opt_out_at`) WHERE "clients"."telegram_id" is not null and "clients"."deleted_at" is null and "clients"."blocked_at" is null and "clients"."opt_out_at" is null;