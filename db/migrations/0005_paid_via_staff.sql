-- Before Telegram payments every paid order was confirmed by staff (/paid or "payment received").
UPDATE `orders` SET `paid_via` = 'staff' WHERE `status` = 'paid' AND `paid_via` IS NULL;
