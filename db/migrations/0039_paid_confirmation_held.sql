-- A payment confirmed while the client's chat was closed to the bot (the owner's account, past
-- Telegram's 24 hours): its confirmation goes when they write again (src/services/orders.ts).
ALTER TABLE `orders` ADD `paid_untold_at` integer;
