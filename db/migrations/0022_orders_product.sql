-- The product an order is for, so its title is written in the reader's language when shown (a
-- client who switches language, the staff). Orders made before keep their whole text in description.
ALTER TABLE `orders` ADD `product_id` text;