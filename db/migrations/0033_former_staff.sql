CREATE TABLE `former_staff` (
	`telegram_id` integer PRIMARY KEY NOT NULL,
	`name` text,
	`removed_at` integer NOT NULL
);
