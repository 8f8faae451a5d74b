-- A client's promise to pay ("оплачу в пятницу"): the last day of it, on each of their unpaid
-- orders; the payment reminders wait for the morning after it (src/services/followups/policy.ts).
ALTER TABLE `orders` ADD `pay_promised_until` text;
