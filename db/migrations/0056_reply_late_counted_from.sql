-- /stats counts the follow-up waits gone late (a client wrote again in an answered request and
-- nobody answered within the answer time) from their `reply_late` events, recorded with the
-- alert from now on. Before, nothing was kept of them once the team answered. Where such waits
-- were watched already, the moment they began to be recorded is kept: the last time one of their
-- checks (the `handoff_reply` jobs) ran or was planned, after every alert that left no event —
-- a period starting earlier has its figure only from then, and says so. A database with no such
-- check has no older wait to miss: no mark, the figure is whole.
INSERT INTO `events` (`client_id`, `type`, `data`, `created_at`)
SELECT NULL, 'reply_late_counted_from', NULL, max(`updated_at`) FROM `jobs` WHERE `kind` = 'handoff_reply'
HAVING count(*) > 0;
