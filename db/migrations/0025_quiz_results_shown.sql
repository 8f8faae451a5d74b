-- When a quiz result reached the client. A result whose send failed stays null, and the client's
-- next /quiz or tap of the take's buttons shows it instead of starting over. Results stored
-- before were shown as they were stored.
ALTER TABLE `quiz_results` ADD `shown_at` integer;--> statement-breakpoint
UPDATE `quiz_results` SET `shown_at` = `created_at`;
