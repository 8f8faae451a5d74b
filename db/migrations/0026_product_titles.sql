-- The title of every product the content ever had: a booking, an order or a quiz result of a
-- product since taken out of the content still reads by its title. Filled by the content store
-- at start-up, the first time from the content versions saved before (src/content/store.ts).
CREATE TABLE `product_titles` (
	`product_id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`updated_at` integer NOT NULL
);
