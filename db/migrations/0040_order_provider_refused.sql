-- When Telegram refused an order's invoice through the provider: it stays paid by payment details,
-- while a "details" order never refused becomes a Telegram invoice where the client pays in the
-- bot's chat with a provider set up (src/services/orders.ts, payIn).
ALTER TABLE `orders` ADD `provider_refused_at` integer;
