-- An invoice and the client's invoices that still waited to be paid when it was issued (the ones its
-- summary named, most often the one it replaces): paid both, the team and the owners hear the client
-- may have paid twice; paid one, the other's payment reminders wait for the team (orders.reminders_held_by).
-- Invoices issued before have no such link.
CREATE TABLE `order_earlier` (
	`order_id` integer NOT NULL,
	`earlier_id` integer NOT NULL,
	PRIMARY KEY(`order_id`, `earlier_id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`earlier_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `order_earlier_earlier_idx` ON `order_earlier` (`earlier_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `reminders_held_by` integer;