-- /stats says how many follow-up waits went late out of how many there were: each wait (a
-- client's message in an answered request, the first since the team's last answer) planned one
-- answer-time check, a `handoff_reply` job kept like every job. Those checks by when they were
-- planned, so a period's are a range of this index rather than every job the bot ever ran.
CREATE INDEX `jobs_reply_checks_idx` ON `jobs` (`created_at`) WHERE "jobs"."kind" = 'handoff_reply';