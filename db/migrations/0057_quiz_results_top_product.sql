-- A broadcast to the clients whose current quiz result ranks a product first, and how many each
-- product reaches in the recipients' picker (one count a product), read the results of every
-- client of the marketing audience one by one (some 20 ms a product at 100,000 clients): the
-- current results by the product they rank first, so a product's clients are read from here.
CREATE INDEX `quiz_results_top_product_idx` ON `quiz_results` ("ranking" ->> '$[0].productId',`client_id`) WHERE "quiz_results"."is_current" = 1 and "quiz_results"."outcome" != 'no_match';